package io.github.adfkit.durable.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays what the ADF Web activity documents for the asynchronous request-reply pattern ("Web activity in Azure
 * Data Factory and Azure Synapse Analytics", the {@code turnOffAsync} property: on an HTTP 202 it invokes HTTP GET
 * on the {@code Location} of the response, and keeps doing so while the answer is 202): the final answer's body is
 * the activity's output, and a non-2xx final answer fails the activity. Against the server with its defaults.
 */
class AdfWebActivityReplayTest {
    private final SeedQuery seed = new SeedQuery();
    private final LoopbackHost host = new LoopbackHost(new AsyncOperationServerBuilder()
        .addOperationKind(seed.kind())
        .addOperationKind(OperationKind.of("failing", request -> "x", input -> {
            throw new OperationFailedException("The audit table is not reachable.");
        })).buildServer());

    @AfterEach
    void close() {
        seed.release.countDown();
        host.close();
    }

    @Test
    void thePipelineReadsTheResultFromTheActivityOutput() {
        LoopbackHost.Reply submitted = host.send("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
            Map.of());
        Await.until("the work to start", seed.started::get, started -> started == 1);
        LoopbackHost.Reply stillRunning = followOnce(submitted);
        seed.release.countDown();

        LoopbackHost.Reply last = followWhile202(stillRunning);

        assertThat(stillRunning.statusCode()).isEqualTo(202);
        assertThat(last.statusCode()).as("a 2xx answer: the activity succeeds").isEqualTo(200);
        JsonNode output = last.json();
        assertThat(output.get("status").asText()).isEqualTo("Completed");
        assertThat(output.get("result").asInt()).as("@activity('Query').output.result")
            .isEqualTo(SeedQuery.SEED_RESULT);
    }

    @Test
    void aFailedOperationFailsTheActivityWithItsError() {
        LoopbackHost.Reply last = followWhile202(host.send("POST", "/api/submit/failing", null, Map.of()));

        assertThat(last.statusCode()).as("a non-2xx answer: the activity fails").isEqualTo(409);
        assertThat(last.json().get("status").asText()).isEqualTo("Failed");
        assertThat(last.json().get("error").asText()).isEqualTo("The audit table is not reachable.");
    }

    private static LoopbackHost.Reply followWhile202(LoopbackHost.Reply first) {
        return Await.until("an answer other than 202", new java.util.function.Supplier<LoopbackHost.Reply>() {
            private LoopbackHost.Reply last = first;

            @Override
            public LoopbackHost.Reply get() {
                if (last.statusCode() == 202) {
                    last = followOnce(last);
                }
                return last;
            }
        }, reply -> reply.statusCode() != 202);
    }

    private static LoopbackHost.Reply followOnce(LoopbackHost.Reply accepted) {
        URI location = URI.create(accepted.header("Location").orElseThrow());
        return LoopbackHost.send("GET", location, null, Map.of());
    }
}
