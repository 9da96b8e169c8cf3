package io.github.adfkit.pauserestart;

import ch.qos.logback.classic.Level;
import com.azure.data.tables.TableClient;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw token never reaches a log line or the table, whatever happens on the way.
 */
@ExtendWith(AzuriteExtension.class)
class SecretHandlingTest {
    private LogCapture logs;

    @BeforeEach
    void captureEveryLogLine() {
        logs = LogCapture.start(Level.TRACE);
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
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
            assertThat(logs.lines()).as("the run logged something to check").isNotEmpty();
            assertThat(logs.lines()).allSatisfy(line -> assertThat(line).doesNotContain(ticket.getToken()));
            assertThat(fixture.tableDump()).allSatisfy(row -> assertThat(row).doesNotContain(ticket.getToken()))
                .anySatisfy(row -> assertThat(row).contains(PauseTokens.hash(ticket.getToken())));
            assertThat(ticket.toString()).doesNotContain(ticket.getToken());
        }
    }
}
