package io.github.adfkit.pauserestart;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.adf.AdfRun;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;
import io.github.adfkit.testing.faults.FaultProxy;
import io.github.adfkit.testing.faults.ProxiedRequest;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restarts with Table storage and Data Factory behind fault proxies: writes applied whose answers are lost, and
 * 30 % of all requests reset before or after the service acted, answered slowly or with 503.
 */
@ExtendWith(AzuriteExtension.class)
class RestartConnectionFaultsTest {
    private static final RetryOptions QUICK_RETRIES = new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(10)));
    private static final int LINKS = 20;
    private static final int MAX_CLICKS = 20;

    private final AdfFakeServer adf = new AdfFakeServer().start();
    private final FaultProxy tableProxy;
    private final FaultProxy adfProxy = new FaultProxy(adf.baseUrl()).start();
    private final PauseRestartFixture fixture;

    RestartConnectionFaultsTest(AzuriteTableService azurite, TableClient table) {
        tableProxy = new FaultProxy(azurite.tableEndpoint()).start();
        TableClient throughProxy = new TableClientBuilder()
            .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), tableProxy.baseUrl()))
            .tableName(table.getTableName())
            .retryOptions(QUICK_RETRIES)
            .buildClient();
        fixture = new PauseRestartFixture(throughProxy, adf, RemoteDataFactory.managers(adfProxy.baseUrl()),
            Duration.ofSeconds(5), PauseRestartFixture.RESTART_PAGE);
    }

    @AfterEach
    void close() {
        fixture.close();
        adfProxy.close();
        tableProxy.close();
    }

    @Test
    void tableWritesAppliedWithTheirAnswersLostStartOneRunAndAreNeverTakenForAnotherRestart() {
        try (LogCapture logs = LogCapture.start()) {
            tableProxy.injectNext(2, ProxiedRequest.method("POST"), FaultAction.resetAfter());
            PauseTicket ticket = fixture.pause();
            tableProxy.injectNext(2, ProxiedRequest.method("PUT"), FaultAction.resetAfter());

            RestartResult result = fixture.client.restart(ticket.getToken());

            assertThat(tableProxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(4);
            assertThat(result.getStatus()).isEqualTo(RestartStatus.STARTED);
            assertThat(fixture.adf.runs()).singleElement()
                .satisfies(run -> assertThat(run.getRunId()).isEqualTo(result.getRunId()));
            assertThat(fixture.createRunCalls()).isEqualTo(1);
            RestartResult again = fixture.client.restart(ticket.getToken());
            assertThat(again.getStatus()).isEqualTo(RestartStatus.ALREADY_USED);
            assertThat(again.getRunId()).isEqualTo(result.getRunId());
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).containsAnyOf("taken over", "was lost",
                "Could not record"));
        }
    }

    @Test
    void aRestartThatCannotRenewItsClaimCallsCreateRunNoMoreAndTheLinkWorksAfterwards() {
        PauseTicket ticket = fixture.pause();
        adfProxy.injectNext(1, request -> request.path().endsWith("/createRun"),
            FaultAction.status(429, Duration.ofMinutes(10)));
        tableProxy.injectFaults(1L, FaultMix.ofRate(1.0).withStatuses(503),
            request -> adfProxy.faultCount() > 0 && request.method().equals("PUT"));

        assertThatThrownBy(() -> fixture.client.restart(ticket.getToken()))
            .isInstanceOf(PauseRestartException.class).hasCauseInstanceOf(LeaseLostException.class);
        assertThat(adfProxy.faultCount()).as("the throttled createRun").isEqualTo(1);
        assertThat(fixture.createRunCalls()).as("no createRun after the claim ran out").isZero();

        tableProxy.clearFaults();
        RestartResult later = fixture.client.restart(ticket.getToken());

        assertThat(later.getStatus()).isEqualTo(RestartStatus.STARTED);
        assertThat(fixture.adf.runs()).singleElement()
            .satisfies(run -> assertThat(run.getRunId()).isEqualTo(later.getRunId()));
    }

    @Test
    void thirtyPercentFaultsOnDataFactoryAndTableStorageStartEveryPipelineExactlyOnce() {
        List<PauseTicket> tickets = new ArrayList<>();
        for (int i = 0; i < LINKS; i++) {
            tickets.add(fixture.pause());
        }
        FaultMix faults = FaultMix.ofRate(0.3).withStatuses(503).withResets().withResetsAfterForwarding()
            .withSlowAnswers(Duration.ofMillis(200));
        tableProxy.injectFaults(faults);
        adfProxy.injectFaults(faults);

        Map<String, String> startedRunIds = new HashMap<>();
        for (PauseTicket ticket : tickets) {
            startedRunIds.put(ticket.getPauseId(), clickUntilStarted(ticket));
        }
        tableProxy.clearFaults();
        adfProxy.clearFaults();

        assertThat(tableProxy.faultCount() + adfProxy.faultCount()).as("faults were injected").isGreaterThan(20);
        Map<String, List<String>> runsByPause = fixture.adf.runs().stream().collect(Collectors.groupingBy(
            run -> String.valueOf(run.getParameters().get("pauseId")),
            Collectors.mapping(AdfRun::getRunId, Collectors.toList())));
        assertThat(runsByPause).hasSize(LINKS);
        startedRunIds.forEach((pauseId, runId) -> assertThat(runsByPause.get(pauseId)).containsExactly(runId));
        fixture.clock.advance(PauseRestartClientBuilder.DEFAULT_CLAIM_TIMEOUT.plusSeconds(1));
        for (PauseTicket ticket : tickets) {
            RestartResult later = fixture.client.restart(ticket.getToken());
            assertThat(later.getStatus()).isEqualTo(RestartStatus.ALREADY_USED);
            assertThat(later.getRunId()).isEqualTo(startedRunIds.get(ticket.getPauseId()));
        }
        assertThat(fixture.adf.runs()).hasSize(LINKS);
    }

    /**
     * What a person does: click again after an error page; when the page says a restart is under way without a run
     * (a claim left by a click that failed), come back after the claim timeout.
     */
    private String clickUntilStarted(PauseTicket ticket) {
        for (int click = 0; click < MAX_CLICKS; click++) {
            RestartResult result;
            try {
                result = fixture.client.restart(ticket.getToken());
            } catch (PauseRestartException storageDown) {
                continue;
            }
            if (result.getRunId() != null) {
                return result.getRunId();
            }
            if (result.getStatus() == RestartStatus.ALREADY_USED) {
                fixture.clock.advance(PauseRestartClientBuilder.DEFAULT_CLAIM_TIMEOUT.plusSeconds(1));
            }
        }
        throw new AssertionError("No run after " + MAX_CLICKS + " clicks for pause " + ticket.getPauseId());
    }
}
