/**
 * The base of adfkit's WireMock fakes of Azure Resource Manager: {@link io.github.adfkit.testing.arm.ArmFakeServer}
 * and the {@link io.github.adfkit.testing.arm.StaticTestTokenCredential} that goes with it.
 */
package io.github.adfkit.testing.arm;
