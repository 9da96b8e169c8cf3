package io.github.adfkit.benchmarks.coldstart;

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
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.OperationStore;

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
 * <p>Arguments: the variant ({@code bare}, {@code adfkit}, {@code handwritten}, {@code client}), then the Azurite
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
                .store(OperationStore.tableStorage(table(args[1], args[2]))).buildServer(), 64 * 1024));
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
