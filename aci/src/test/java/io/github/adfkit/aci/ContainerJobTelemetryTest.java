package io.github.adfkit.aci;

import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.telemetry.InMemoryTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container job as an OpenTelemetry user sees it: one {@code adfkit.job} span with the job's outcome, and the job
 * and status-read counters (throttled reads counted as such).
 */
class ContainerJobTelemetryTest {
    private final FakeAci fake = new FakeAci();
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final ContainerJobClient client = fake.builder().clientOptions(telemetry.clientOptions()).buildClient();

    @AfterEach
    void close() {
        client.getWatcher().close();
        fake.close();
        telemetry.close();
    }

    private ContainerJobResult run(String group) {
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec(group));
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(3));
        return poller.getFinalResult();
    }

    @Test
    void aSucceededJobIsOneSpanAndCountedWithItsStatusReads() {
        fake.aci.scenarioFor("ok", AciScenario.runsFor(Duration.ofMinutes(3)));
        fake.aci.injectFaults(7, 0.2, 429);

        assertThat(run("ok").isSucceeded()).isTrue();

        SpanData job = telemetry.spans("adfkit.job").get(0);
        assertThat(job.getAttributes().get(AttributeKey.stringKey("adfkit.outcome"))).isEqualTo("succeeded");
        assertThat(job.getAttributes().get(AttributeKey.stringKey("adfkit.job.group"))).contains("ok");
        assertThat(job.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(telemetry.count("adfkit.jobs", Map.of("adfkit.outcome", "succeeded"))).isEqualTo(1);
        assertThat(telemetry.count("adfkit.job.status_reads", Map.of("adfkit.outcome", "ok"))).isPositive();
        assertThat(telemetry.count("adfkit.job.status_reads", Map.of("adfkit.outcome", "throttled"))).isPositive();
    }

    @Test
    void aFailedJobEndsItsSpanAsAnError() {
        fake.aci.scenarioFor("bad", AciScenario.runsFor(Duration.ofMinutes(3)).withExitCode(3));

        assertThat(run("bad").isSucceeded()).isFalse();

        SpanData job = telemetry.spans("adfkit.job").get(0);
        assertThat(job.getAttributes().get(AttributeKey.stringKey("adfkit.outcome"))).isEqualTo("failed");
        assertThat(job.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(telemetry.count("adfkit.jobs", Map.of("adfkit.outcome", "failed"))).isEqualTo(1);
    }
}
