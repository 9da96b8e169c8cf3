package io.github.adfkit.benchmarks.coldstart;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.pauserestart.PauseDataHandler;
import io.github.adfkit.pauserestart.PauseHandler;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.RestartPages;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The hosts {@link ColdStartBenchmark} starts in fresh JVMs. Each starts, prints {@code PORT n} when it listens, and
 * answers requests; the client variant instead sends one GET with azure-core's default HTTP client and prints the
 * status.
 *
 * <p>Arguments: the variant ({@code bare}, {@code adfkit}, {@code wired}, {@code handwritten}, {@code client}), then
 * the Azurite
 * connection string and table name (for {@code adfkit} and {@code handwritten}) or the URL (for {@code client}).</p>
 */
public final class ColdStartHost {
    private static final byte[] OK = "{\"status\":\"Completed\"}".getBytes(StandardCharsets.UTF_8);

    private ColdStartHost() {
    }

    /**
     * Starts one host variant.
     *
     * @param args the variant and its arguments
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bare" -> listen(ColdStartHost::constant);
            case "adfkit" -> listen(JdkHttpServerAdapter.adapt(new AsyncOperationServerBuilder()
                .addOperationKind(OperationKind.of("noop", request -> "input", input -> 119))
                .tableClient(table(args[1], args[2])).buildServer(), 64 * 1024));
            case "wired" -> wired(table(args[1], args[2]));
            case "handwritten" -> {
                TableClient table = table(args[1], args[2]);
                listen(exchange -> {
                    String id = UUID.randomUUID().toString();
                    table.createEntity(new TableEntity(id, "operation").addProperty("Status", "Completed"));
                    table.getEntity(id, "operation");
                    constant(exchange);
                });
            }
            case "client" -> {
                try (HttpResponse response = HttpClient.createDefault()
                    .sendSync(new HttpRequest(HttpMethod.GET, args[1]), com.azure.core.util.Context.NONE)) {
                    System.out.println("STATUS " + response.getStatusCode());
                }
                System.exit(0);
            }
            default -> throw new IllegalArgumentException("Unknown variant " + args[0]);
        }
    }

    /**
     * Every capability a data team's host wires, as the demo host does: container jobs (with the job store, resuming
     * stored jobs at start), the async operation server, and pause/restart with its three endpoints, behind one
     * hardened {@link HostServer}. ARM and Data Factory are not called before the first request.
     */
    private static void wired(TableClient table) {
        TokenCredential credential = new StaticTestTokenCredential();
        ContainerJobClient jobs = new ContainerJobClientBuilder().credential(credential).subscriptionId("sub-cold")
            .endpoint("http://127.0.0.1:9").tableClient(table).sealingKeys(SealingKeys.generate("cold"))
            .buildClient();
        AsyncOperationServer operations = new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("noop", request -> "input", input -> 119))
            .tableClient(table).buildServer();
        PauseRestartClient pauses = new PauseRestartClientBuilder().tableClient(table).credential(credential)
            .restartPageUrl("http://127.0.0.1/restart").buildClient();
        CallerAuthorization pipelines = CallerAuthorization.functionKey("cold-start-key-".repeat(3));
        HostServer server = new HostServerBuilder()
            .route("/api/", operations, 64 * 1024)
            .route("/pause", new AuthorizedHandler(pipelines::isAuthorized, new PauseHandler(pauses, pipelines)),
                64 * 1024)
            .route("/restart", new RestartPages(pauses), 64 * 1024)
            .route("/pause-data", new PauseDataHandler(pauses, pipelines), 64 * 1024)
            .start();
        jobs.getWatcher().resumeStoredJobs();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
    }

    private static TableClient table(String connectionString, String name) {
        return new TableClientBuilder().connectionString(connectionString).tableName(name).buildClient();
    }

    private static void listen(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
    }

    private static void constant(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, OK.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(OK);
        }
    }
}
