package io.github.adfkit.testing.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildJvmTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase().contains("win");

    @Test
    void killEndsTheChildWithSigkillAndNoShutdownHook() {
        try (ChildJvm child = ChildJvm.builder(BlockingMain.class).start()) {
            child.awaitLine("ready"::equals, WAIT);

            int exitCode = child.kill();

            assertThat(child.isAlive()).isFalse();
            assertThat(exitCode).isEqualTo(WINDOWS ? 1 : 137);
            // Fails at once when the child's output has ended: every line it wrote has been read by then.
            assertThatThrownBy(() -> child.awaitLine(BlockingMain.HOOK_LINE::equals, WAIT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("output ended");
            assertThat(child.output()).contains("ready").doesNotContain(BlockingMain.HOOK_LINE);
        }
    }

    @Test
    void aChildThatExitsNormallyRunsItsShutdownHook() {
        try (ChildJvm child = ChildJvm.builder(BlockingMain.class).args("exit").start()) {
            assertThat(child.awaitLine(BlockingMain.HOOK_LINE::equals, WAIT)).isEqualTo(BlockingMain.HOOK_LINE);
            assertThat(child.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void childGetsSystemPropertiesArgumentsAndBothOutputStreams() {
        try (ChildJvm child = ChildJvm.builder(BlockingMain.class)
            .systemProperty("child.greeting", "hello world").args("a", "b c").start()) {
            assertThat(child.awaitLine(line -> line.startsWith("greeting="), WAIT))
                .isEqualTo("greeting=hello world args=a,b c");
            assertThat(child.awaitLine("to stderr"::equals, WAIT)).isEqualTo("to stderr");
            assertThat(child.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void awaitLineFailsWithTheCapturedOutputAtTheDeadline() {
        try (ChildJvm child = ChildJvm.builder(BlockingMain.class).start()) {
            child.awaitLine("ready"::equals, WAIT);

            assertThatThrownBy(() -> child.awaitLine("never"::equals, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("deadline of PT0.2S")
                .hasMessageContaining("ready");
            assertThat(child.isAlive()).isTrue();
        }
    }

    @Test
    void closeKillsAChildStillRunning() {
        ChildJvm child = ChildJvm.builder(BlockingMain.class).start();
        child.awaitLine("ready"::equals, WAIT);

        child.close();

        assertThat(child.isAlive()).isFalse();
    }
}
