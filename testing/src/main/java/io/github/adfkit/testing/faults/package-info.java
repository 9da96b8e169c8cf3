/**
 * Faults beyond HTTP statuses for tests: {@link io.github.adfkit.testing.faults.FaultProxy}, a loopback HTTP/1.1
 * proxy that resets connections (before or after the upstream acted), answers slowly, stalls or answers with a
 * status, and {@link io.github.adfkit.testing.faults.FaultMix}, the random mix of faults that the proxy and the
 * WireMock fakes ({@code ArmFakeServer}, {@code AciFakeServer}, {@code AdfFakeServer}, {@code AdfCallbackReceiver})
 * inject.
 */
package io.github.adfkit.testing.faults;
