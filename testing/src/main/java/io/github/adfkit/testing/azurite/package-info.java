/**
 * Azurite, the local Azure Table storage emulator, for tests: {@link io.github.adfkit.testing.azurite.AzuriteTableService}
 * starts it once per JVM and {@link io.github.adfkit.testing.azurite.AzuriteExtension} injects it into JUnit 5 tests.
 */
package io.github.adfkit.testing.azurite;
