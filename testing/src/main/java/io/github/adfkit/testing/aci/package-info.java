/**
 * A WireMock fake of Azure Container Instances' ARM API for tests:
 * {@link io.github.adfkit.testing.aci.AciFakeServer} with {@link io.github.adfkit.testing.aci.AciScenario}s.
 */
package io.github.adfkit.testing.aci;
