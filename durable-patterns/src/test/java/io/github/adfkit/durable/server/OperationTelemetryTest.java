package io.github.adfkit.durable.server;

import io.github.adfkit.testing.telemetry.InMemoryTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operation's life as an OpenTelemetry user sees it: one {@code adfkit.operation} span from submit to its end,
 * with kind, id and status, and the {@code adfkit.operations} counter by status.
 */
class OperationTelemetryTest {
    private final SeedQuery seed = new SeedQuery();
    private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
    private final AsyncOperationServer server = new AsyncOperationServerBuilder().addOperationKind(seed.kind())
        .clientOptions(telemetry.clientOptions()).buildServer();
    private final LoopbackHost host = new LoopbackHost(server);

    @AfterEach
    void stop() {
        seed.release.countDown();
        host.close();
        server.close();
        telemetry.close();
    }

    @Test
    void aCompletedOperationIsOneSpanAndCountedAsCompleted() {
        LoopbackHost.Reply accepted = host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            Map.of());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(telemetry.spans("adfkit.operation")).isEmpty();

        seed.release.countDown();

        List<SpanData> spans = Await.until("the operation's span", () -> telemetry.spans("adfkit.operation"),
            ended -> !ended.isEmpty());
        SpanData span = spans.get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("adfkit.operation.kind"))).isEqualTo("query");
        assertThat(accepted.body()).contains(span.getAttributes().get(AttributeKey.stringKey("adfkit.operation.id")));
        assertThat(span.getAttributes().get(AttributeKey.stringKey("adfkit.outcome"))).isEqualTo("completed");
        assertThat(telemetry.count("adfkit.operations", Map.of("adfkit.operation.status", "completed")))
            .isEqualTo(1);
    }
}
