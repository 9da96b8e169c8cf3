/**
 * Log capture for tests that assert what a component logs, and above all what it never logs (secrets). Needs
 * logback-classic on the test class path.
 */
package io.github.adfkit.testing.logging;
