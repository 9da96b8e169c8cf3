package io.github.adfkit.testing.logging;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LogCaptureTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.adfkit.testing.logging.sample");

    @Test
    void capturesAtTheLevelAskedForAndRestoresTheRootLevel() {
        ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try (LogCapture logs = LogCapture.start(Level.TRACE)) {
            LOG.trace("fine detail");
            assertThat(logs.text("io.github.adfkit.testing")).contains("TRACE", "fine detail");
        }
        try (LogCapture logs = LogCapture.start()) {
            LOG.trace("not captured");
            LOG.debug("captured");
            assertThat(logs.lines("io.github.adfkit.testing")).hasSize(1).allMatch(line -> line.contains("captured"));
            assertThat(logs.lines(logger -> logger.endsWith(".sample"))).hasSize(1);
            assertThat(logs.lines(logger -> !logger.startsWith("io.github.adfkit.testing"))).isEmpty();
        }
        assertThat(root.getLevel()).isEqualTo(before);
    }

    @Test
    void describesCausesAndSuppressedExceptions() {
        IllegalStateException failure = new IllegalStateException("outer", new IllegalArgumentException("cause"));
        failure.addSuppressed(new RuntimeException("suppressed", new RuntimeException("its cause")));
        try (LogCapture logs = LogCapture.start()) {
            LOG.warn("failed", failure);
            assertThat(logs.text("io.github.adfkit.testing")).contains("failed", "outer", "cause", "suppressed",
                "its cause");
        }
    }

    @Test
    void textOutsideTheFakesLeavesOutTheFakesAndTheirServers() {
        try (LogCapture logs = LogCapture.start()) {
            LOG.debug("a fake saw code=secret");
            LoggerFactory.getLogger("wiremock.Server").info("wiremock saw code=secret");
            LoggerFactory.getLogger("io.github.adfkit.core.Sample").info("adfkit sent code=REDACTED");

            assertThat(logs.textOutsideTheFakes())
                .isEqualTo("INFO io.github.adfkit.core.Sample adfkit sent code=REDACTED").doesNotContainPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
            assertThat(logs.text("")).containsPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
        }
    }
}
