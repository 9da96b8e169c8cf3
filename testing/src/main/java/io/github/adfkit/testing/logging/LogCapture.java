package io.github.adfkit.testing.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures every log event (at DEBUG and above) while open, with the text of its message and of its exception chain,
 * so a test can assert that a secret appears nowhere.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     client.send(callbackUri, payload);
 *     assertThat(logs.text("io.github.adfkit")).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
    }

    /**
     * Starts capturing; close to stop and restore the previous level.
     *
     * @return the capture
     */
    public static LogCapture start() {
        return new LogCapture();
    }

    /**
     * @return every line captured so far: level, logger, message and exception chain
     */
    public List<String> lines() {
        return lines("");
    }

    /**
     * @param loggerPrefix only events from loggers whose name starts with this (for example {@code io.github.adfkit})
     * @return their lines: level, logger, message and exception chain
     */
    public List<String> lines(String loggerPrefix) {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        return events.stream()
            .filter(event -> event.getLoggerName().startsWith(loggerPrefix))
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
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }
}
