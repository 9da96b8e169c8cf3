package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitAttempt;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.models.SingleFlightMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * adfkit's client against adfkit's own server on the JDK HTTP server: a single-flight kind in
 * {@link SingleFlightMode#CONFLICT} refuses a second run while the first holds the lock, and {@code runWithResubmit}
 * submits it again until it runs. The server works on its own threads; the client waits on a {@link ManualClock}.
 */
class ClientAgainstAdfkitServerTest {
    private static final Duration WORK_LIMIT = Duration.ofSeconds(20);

    private final CountDownLatch releaseFirstRun = new CountDownLatch(1);
    private final AtomicInteger submits = new AtomicInteger();
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    private AsyncOperationServer server;
    private HttpServer http;

    @BeforeEach
    void setUp() throws IOException {
        OperationKind<String> audit = OperationKind.<String>of("audit", request -> request.getQueryParameter("day"),
            day -> {
                if ("holder".equals(day) && !releaseFirstRun.await(WORK_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The test never released the first run.");
                }
                return Map.of("day", day, "rows", 42);
            }).withSingleFlight(day -> "audit", SingleFlightMode.CONFLICT);
        server = new AsyncOperationServerBuilder().addOperationKind(audit).buildServer();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", JdkHttpServerAdapter.adapt(server, 64 * 1024));
        http.setExecutor(httpThreads);
        http.start();
    }

    @AfterEach
    void tearDown() {
        releaseFirstRun.countDown();
        http.stop(0);
        server.close();
        httpThreads.shutdownNow();
    }

    @Test
    void aSingleFlightConflictIsSubmittedAgainUntilItRunsAfterTheHolder() {
        // The run that holds the lock finishes once the second run has been refused and submitted again.
        HttpPipelinePolicy releaseOnResubmit = (context, next) -> {
            if (HttpMethod.POST.equals(context.getHttpRequest().getHttpMethod()) && submits.incrementAndGet() == 3) {
                releaseFirstRun.countDown();
            }
            return next.process();
        };
        AsyncOperationClient client = new AsyncOperationClientBuilder().clock(new ManualClock())
            .pollBackoff(Backoff.fixed(Duration.ofSeconds(1))).addPolicy(releaseOnResubmit).buildClient();
        SyncPoller<OperationStatus, JsonNode> holder = client.beginOperation(submit("holder"), JsonNode.class);

        ResubmitResult<JsonNode> result = client.runWithResubmit(submit("2021-10-12"), ResubmitPolicy.conflictsOnly()
            .setMaxAttempts(500).setDelay(Backoff.fixed(Duration.ofMinutes(1))), JsonNode.class);

        assertThat(result.getValue().get("day").asText()).isEqualTo("2021-10-12");
        assertThat(result.getValue().get("rows").asInt()).isEqualTo(42);
        List<ResubmitAttempt> attempts = result.getAttempts();
        assertThat(attempts.get(0).getFinalStatus().isConflict()).isTrue();
        assertThat(attempts.get(0).isOk()).isFalse();
        assertThat(attempts.get(attempts.size() - 1).isOk()).isTrue();
        assertThat(holder.getFinalResult().get("day").asText()).isEqualTo("holder");
    }

    private BeginOperationOptions submit(String day) {
        return new BeginOperationOptions(HttpMethod.POST, "http://127.0.0.1:" + http.getAddress().getPort()
            + "/api/submit/audit?day=" + day);
    }
}
