package io.github.adfkit.testing.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Captures every log event (at DEBUG and above, or from the level given to {@link #start(Level)}) while open, with
 * the text of its message and of its exception chain, so a test can assert that a secret appears nowhere.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     client.send(callbackUri, payload);
 *     assertThat(logs.text("io.github.adfkit")).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    /**
     * A secret query or form parameter ({@code code=}, {@code callbackid=}, {@code sig=}, {@code token=}) followed by
     * anything but the {@code REDACTED} that adfkit and azure-core log instead of its value, for
     * {@code doesNotContainPattern} assertions.
     */
    public static final String UNREDACTED_SECRET_PARAMETER = "(code|callbackid|sig|token)=(?!REDACTED)";

    private final Logger root;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Level level) {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
    }

    /**
     * Starts capturing at DEBUG and above; close to stop and restore the previous level.
     *
     * @return the capture
     */
    public static LogCapture start() {
        return start(Level.DEBUG);
    }

    /**
     * Starts capturing with the root logger at {@code level} (for example {@link Level#TRACE} for everything, or
     * {@link Level#INFO} for what a production host logs); close to stop and restore the previous level. Loggers
     * with a level of their own keep it.
     *
     * @param level the root logger's level while capturing
     * @return the capture
     */
    public static LogCapture start(Level level) {
        return new LogCapture(Objects.requireNonNull(level, "'level' cannot be null."));
    }

    /**
     * @return every line captured so far: level, logger, message and exception chain (with suppressed exceptions)
     */
    public List<String> lines() {
        return lines("");
    }

    /**
     * @param loggerPrefix only events from loggers whose name starts with this (for example {@code io.github.adfkit})
     * @return their lines: level, logger, message and exception chain
     */
    public List<String> lines(String loggerPrefix) {
        Objects.requireNonNull(loggerPrefix, "'loggerPrefix' cannot be null.");
        return lines(loggerName -> loggerName.startsWith(loggerPrefix));
    }

    /**
     * @param loggerName which loggers to keep, by name (for example all but a fake's own loggers)
     * @return the lines of their events: level, logger, message and exception chain
     */
    public List<String> lines(Predicate<String> loggerName) {
        Objects.requireNonNull(loggerName, "'loggerName' cannot be null.");
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        return events.stream()
            .filter(event -> loggerName.test(event.getLoggerName()))
            .map(LogCapture::describe)
            .toList();
    }

    /**
     * @param loggerPrefix only events from loggers whose name starts with this
     * @return their lines joined by new lines, for {@code contains}/{@code doesNotContain} assertions
     */
    public String text(String loggerPrefix) {
        return String.join("\n", lines(loggerPrefix));
    }

    /**
     * What the code under test logged: every line but those of adfkit's fakes and of the WireMock and Jetty servers
     * they run on (a fake logs the requests it received, secrets included, by design).
     *
     * @return those lines joined by new lines, for {@code contains}/{@code doesNotContain} assertions
     */
    public String textOutsideTheFakes() {
        return String.join("\n", lines(logger -> !logger.startsWith("io.github.adfkit.testing")
            && !logger.startsWith("wiremock") && !logger.startsWith("org.eclipse.jetty")
            && !logger.startsWith("com.github.tomakehurst")));
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
        appender.stop();
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
            .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
            .append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            describe(t, line);
        }
        return line.toString();
    }

    private static void describe(IThrowableProxy throwable, StringBuilder line) {
        line.append(" | ").append(throwable.getClassName()).append(": ").append(throwable.getMessage());
        IThrowableProxy[] suppressedAll = throwable.getSuppressed();
        for (IThrowableProxy suppressed : suppressedAll == null ? new IThrowableProxy[0] : suppressedAll) {
            for (IThrowableProxy t = suppressed; t != null; t = t.getCause()) {
                describe(t, line);
            }
        }
    }
}
