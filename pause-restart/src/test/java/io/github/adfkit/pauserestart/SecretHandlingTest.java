package io.github.adfkit.pauserestart;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.azure.data.tables.TableClient;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw token never reaches a log line or the table, whatever happens on the way.
 */
@ExtendWith(AzuriteExtension.class)
class SecretHandlingTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureEveryLogLine() {
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        root.setLevel(previousLevel);
    }

    @Test
    void neitherLogsNorTableHoldTheRawTokenThroughSuccessFailuresAndRetries(TableClient table) {
        try (PauseRestartFixture fixture = new PauseRestartFixture(table, Duration.ofMillis(500))) {
            PauseTicket ticket = fixture.pause();
            fixture.get(ticket.getRestartUrl());
            fixture.adf.failNextCreateRuns(1, 404);
            fixture.post(ticket.getToken());
            fixture.adf.failNextCreateRuns(1, 503);
            fixture.adf.acceptNextCreateRunsLate(1, Duration.ofSeconds(2));
            fixture.post(ticket.getToken());
            fixture.post(ticket.getToken());
            fixture.getData(ticket.getPauseId());

            assertThat(fixture.adf.runs()).hasSize(1);
            assertThat(logs.list).as("the run logged something to check").isNotEmpty();
            assertThat(everyLogLine()).allSatisfy(line -> assertThat(line).doesNotContain(ticket.getToken()));
            assertThat(fixture.tableDump()).allSatisfy(row -> assertThat(row).doesNotContain(ticket.getToken()))
                .anySatisfy(row -> assertThat(row).contains(PauseTokens.hash(ticket.getToken())));
            assertThat(ticket.toString()).doesNotContain(ticket.getToken());
        }
    }

    private List<String> everyLogLine() {
        return logs.list.stream().map(event -> event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
            .collect(Collectors.toList());
    }
}
