package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.SyncPoller;
import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationFailedException;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.models.SingleFlightMode;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * adfkit's client against adfkit's server in every server mode: the default answers (202 while running) and the
 * seed's compatibility answers ({@code acceptedWhileRunning(false)}: 200 whatever the status), each on the in-memory
 * and on the Table store (Azurite), with and without a single-flight (QUEUE) kind. In every mode a completed
 * operation gives the client its result, and a failed one fails with {@code OPERATION_FAILED} and the server's error.
 */
@ExtendWith(AzuriteExtension.class)
class ClientAgainstServerModesTest {
    private final List<AsyncOperationServer> servers = new ArrayList<>();
    private final List<HttpServer> hosts = new ArrayList<>();
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);

    static List<Arguments> modes() {
        List<Arguments> modes = new ArrayList<>();
        for (boolean acceptedWhileRunning : new boolean[] {true, false}) {
            for (boolean tableStore : new boolean[] {false, true}) {
                for (boolean singleFlight : new boolean[] {false, true}) {
                    modes.add(Arguments.of(acceptedWhileRunning, tableStore, singleFlight));
                }
            }
        }
        return modes;
    }

    @AfterEach
    void tearDown() {
        hosts.forEach(host -> host.stop(0));
        servers.forEach(AsyncOperationServer::close);
        httpThreads.shutdownNow();
    }

    @ParameterizedTest(name = "acceptedWhileRunning={0}, tableStore={1}, singleFlight={2}")
    @MethodSource("modes")
    void aCompletedOperationGivesItsResultAndAFailedOneFails(boolean acceptedWhileRunning, boolean tableStore,
        boolean singleFlight, TableClient table) throws IOException {
        String base = host(acceptedWhileRunning, tableStore ? table : null, singleFlight);
        AsyncOperationClient client = new AsyncOperationClientBuilder().clock(new ManualClock())
            .pollBackoff(Backoff.fixed(Duration.ofSeconds(1))).buildClient();

        SyncPoller<OperationStatus, JsonNode> sum = client.beginOperation(
            new BeginOperationOptions(HttpMethod.POST, base + "/api/submit/sum?a=2&b=40"), JsonNode.class);
        SyncPoller<OperationStatus, JsonNode> broken = client.beginOperation(
            new BeginOperationOptions(HttpMethod.POST, base + "/api/submit/sum?a=2&b=oops"), JsonNode.class);

        assertThat(sum.getFinalResult().get("sum").asInt()).isEqualTo(42);
        assertThatThrownBy(broken::getFinalResult).isInstanceOfSatisfying(AsyncOperationException.class, e -> {
            assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.OPERATION_FAILED);
            assertThat(e.getLastStatus().getStatus()).isEqualTo(OperationRuntimeStatus.FAILED);
            assertThat(e.getMessage()).contains("not a number");
        });
    }

    private String host(boolean acceptedWhileRunning, TableClient store, boolean singleFlight) throws IOException {
        OperationKind<Map<String, String>> sum = OperationKind.of("sum",
            request -> Map.of("a", request.getQueryParameter("a"), "b", request.getQueryParameter("b")),
            input -> Map.of("sum", number(input.get("a")) + number(input.get("b"))));
        AsyncOperationServer server = new AsyncOperationServerBuilder()
            .addOperationKind(singleFlight ? sum.withSingleFlight(input -> "sum", SingleFlightMode.QUEUE) : sum)
            .tableClient(store).acceptedWhileRunning(acceptedWhileRunning).buildServer();
        servers.add(server);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", JdkHttpServerAdapter.adapt(server, 64 * 1024));
        http.setExecutor(httpThreads);
        http.start();
        hosts.add(http);
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw new OperationFailedException("'" + text + "' is not a number.");
        }
    }
}
