/**
 * Separate JVMs for crash tests: {@link io.github.adfkit.testing.process.ChildJvm} starts a main class on the test
 * class path, captures its output, waits for a line, and kills it with SIGKILL ({@code kill -9}), so no shutdown hook
 * or {@code finally} block runs, as in a real crash.
 */
package io.github.adfkit.testing.process;
