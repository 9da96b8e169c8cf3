package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.telemetry.InMemoryTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts as an OpenTelemetry user sees them: an {@code adfkit.restart} span per press with its outcome, and the
 * {@code adfkit.restarts} counter by outcome; the token appears in no span.
 */
@ExtendWith(AzuriteExtension.class)
class RestartTelemetryTest {
    private final AdfFakeServer adf = new AdfFakeServer().start();
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final PauseRestartClient client;

    RestartTelemetryTest(TableClient table) {
        client = new PauseRestartClientBuilder()
            .tableClient(table)
            .dataFactoryManagerFactory((tenantId, subscriptionId) -> DataFactoryManager.authenticate(
                adf.httpPipeline(new StaticTestTokenCredential()), adf.azureProfile(tenantId, subscriptionId)))
            .restartPageUrl(PauseRestartFixture.RESTART_PAGE)
            .clock(new ManualClock(Instant.now()))
            .clientOptions(telemetry.clientOptions())
            .buildClient();
    }

    @AfterEach
    void close() {
        adf.close();
        telemetry.close();
    }

    @Test
    void aStartedAndARefusedRestartAreCountedByOutcome() {
        PauseTicket ticket = client.pause(new PauseOptions(PauseRestartFixture.TARGET, Map.of("batch", "b1")));

        assertThat(client.restart(ticket.getToken()).isStarted()).isTrue();
        assertThat(client.restart(ticket.getToken()).isStarted()).isFalse();

        assertThat(telemetry.spans("adfkit.restart")).extracting(span -> span.getAttributes()
            .get(AttributeKey.stringKey("adfkit.outcome"))).containsExactly("started", "already_used");
        assertThat(telemetry.count("adfkit.restarts", Map.of("adfkit.outcome", "started"))).isEqualTo(1);
        assertThat(telemetry.count("adfkit.restarts", Map.of("adfkit.outcome", "already_used"))).isEqualTo(1);
        assertThat(telemetry.spans()).allSatisfy(span -> assertThat(span.getAttributes().toString())
            .doesNotContain(ticket.getToken()));
    }
}
