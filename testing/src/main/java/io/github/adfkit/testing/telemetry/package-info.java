/**
 * Telemetry for tests: {@link io.github.adfkit.testing.telemetry.InMemoryTelemetry} collects the spans and counters
 * an adfkit client reports through azure-core, with OpenTelemetry's in-memory exporter and reader. Needs
 * {@code com.azure:azure-core-tracing-opentelemetry} and {@code io.opentelemetry:opentelemetry-sdk-testing} on the
 * test class path (optional dependencies of this artifact).
 */
package io.github.adfkit.testing.telemetry;
