package io.github.adfkit.examples.asyncapi;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.testing.azurite.AzuriteTableService;

import java.net.InetSocketAddress;
import java.time.LocalDate;

/**
 * Seed 002's asynchronous API in a plain JDK HTTP server. With {@code ADFKIT_TABLES_ENDPOINT} set (for example
 * {@code https://<account>.table.core.windows.net}) it uses that account through {@code DefaultAzureCredential}:
 * the {@code audit} table for the query and an {@code operations} table shared by every host. Without it, it starts
 * Azurite and fills a demo {@code audit} table.
 *
 * <pre>
 * curl -i -X POST "http://127.0.0.1:8080/api/submit/query?s=10/10/2021&amp;e=10/12/2021"
 * curl -i "http://127.0.0.1:8080/api/status/&lt;id&gt;"
 * </pre>
 */
public final class AsyncApiHost {
    private static final int PORT = 8080;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private AsyncApiHost() {
    }

    /**
     * Starts the host on port 8080 until the process is stopped.
     *
     * @param args unused
     * @throws java.io.UncheckedIOException if the port cannot be opened
     */
    public static void main(String[] args) {
        String endpoint = System.getenv("ADFKIT_TABLES_ENDPOINT");
        TableServiceClient tables = endpoint == null ? demoTables()
            : new TableServiceClientBuilder().endpoint(endpoint)
                .credential(new DefaultAzureCredentialBuilder().build()).buildClient();
        AsyncOperationServer asyncApi = new AsyncOperationServerBuilder()
            .addOperationKind(AuditQuery.kind(tables.getTableClient("audit")))
            .tableClient(tables.createTableIfNotExists("operations"))
            .buildServer();

        HostServer server = new HostServerBuilder().address(new InetSocketAddress("127.0.0.1", PORT))
            .route("/api/", asyncApi, MAX_BODY_BYTES).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            asyncApi.close();
        }));
        System.out.println("Submit: curl -i -X POST \"http://127.0.0.1:" + PORT
            + "/api/submit/query?s=10/10/2021&e=10/12/2021\"");
    }

    private static TableServiceClient demoTables() {
        TableServiceClient tables = AzuriteTableService.shared().tableServiceClient();
        TableClient audit = tables.createTableIfNotExists("audit");
        LocalDate first = LocalDate.of(2021, 10, 1);
        for (int row = 0; row < 300; row++) {
            audit.upsertEntity(new TableEntity(first.plusDays(row % 90).toString(), "row" + row)
                .addProperty("identificationNumber", "ID-" + (row % 150))
                .addProperty("CertNumber", row % 7 == 0 ? "" : "C-" + row));
        }
        return tables;
    }
}
