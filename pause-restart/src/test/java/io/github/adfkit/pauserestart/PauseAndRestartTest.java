package io.github.adfkit.pauserestart;

import com.azure.core.util.serializer.TypeReference;
import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.pauserestart.models.PauseData;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.adf.AdfRun;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow against Azurite and the fake Data Factory: pause, link, confirmation page, restart, data.
 */
@ExtendWith(AzuriteExtension.class)
class PauseAndRestartTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PauseRestartFixture fixture;

    PauseAndRestartTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @BeforeEach
    void noRunsYet() {
        assertThat(fixture.adf.runs()).isEmpty();
    }

    @Test
    void pauseLinkConfirmRestartStartsExactlyOneRunAndTheDataIsReadableByPauseId() throws Exception {
        PauseTicket ticket = fixture.pause();

        assertThat(ticket.getToken()).hasSize(86).matches("[A-Za-z0-9_-]+");
        assertThat(ticket.getRestartUrl()).isEqualTo(PauseRestartFixture.RESTART_PAGE + "?token=" + ticket.getToken());
        assertThat(ticket.getExpiresAt()).isEqualTo(fixture.clock.now().plus(Duration.ofHours(72)));

        HostResponse confirmation = fixture.get(ticket.getRestartUrl());
        assertThat(confirmation.getStatus()).isEqualTo(200);
        assertThat(confirmation.getBodyAsString()).contains("ResumeAfterApproval", "adf-sales", "<form method=\"post\"",
            "Link expires");
        assertThat(fixture.adf.runs()).as("opening the link starts nothing").isEmpty();

        HostResponse success = fixture.post(ticket.getToken());

        assertThat(success.getStatus()).isEqualTo(200);
        AdfRun run = fixture.adf.runs().get(0);
        assertThat(fixture.adf.runs()).hasSize(1);
        assertThat(run.getSubscriptionId()).isEqualTo("sub-1");
        assertThat(run.getResourceGroupName()).isEqualTo("rg-data");
        assertThat(run.getFactoryName()).isEqualTo("adf-sales");
        assertThat(run.getPipelineName()).isEqualTo("ResumeAfterApproval");
        assertThat(run.getParameters()).isEqualTo(Map.of("pauseId", ticket.getPauseId(), "environment", "test"));
        assertThat(success.getBodyAsString()).contains("Pipeline resumed", run.getRunId());

        HostResponse data = fixture.getData(ticket.getPauseId());
        assertThat(data.getStatus()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(data.getBodyAsString());
        assertThat(body.path("pauseId").asText()).isEqualTo(ticket.getPauseId());
        assertThat(body.path("data").path("batch").asText()).isEqualTo("2026-11-20");
        assertThat(body.path("data").path("rows").asInt()).isEqualTo(1200);

        PauseData viaApi = fixture.client.getData(ticket.getPauseId());
        assertThat(viaApi.getData().toObject(new TypeReference<Map<String, Object>>() { }))
            .containsEntry("batch", "2026-11-20");
    }

    @Test
    void secondClickAfterSuccessShowsWhenTheLinkWasUsedAndStartsNothing() {
        PauseTicket ticket = fixture.pause();
        fixture.post(ticket.getToken());
        String runId = fixture.adf.runs().get(0).getRunId();

        HostResponse again = fixture.post(ticket.getToken());
        HostResponse reopened = fixture.get(ticket.getRestartUrl());

        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getBodyAsString()).contains("already used", runId);
        assertThat(reopened.getStatus()).isEqualTo(409);
        assertThat(fixture.adf.runs()).hasSize(1);
    }

    @Test
    void customPauseIdParameterAndExpiryReachTheRunAndTheTicket() {
        PauseTicket ticket = fixture.client.pause(new PauseOptions(
            PauseRestartFixture.TARGET, null).setPauseIdParameterName("approvalId").setExpiresAfter(Duration.ofHours(1)));

        assertThat(ticket.getExpiresAt()).isEqualTo(fixture.clock.now().plus(Duration.ofHours(1)));
        assertThat(fixture.client.restart(ticket.getToken()).isStarted()).isTrue();
        assertThat(fixture.adf.runs().get(0).getParameters()).isEqualTo(Map.of("approvalId", ticket.getPauseId()));
        assertThat(fixture.client.getData(ticket.getPauseId()).getJson()).isEqualTo("null");
    }
}
