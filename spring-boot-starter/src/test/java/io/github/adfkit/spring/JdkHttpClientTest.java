package io.github.adfkit.spring;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.durable.AsyncOperationClientBuilder;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/dependencies.md promises for the swap from Netty to azure-core's JDK HTTP client: adfkit's calls work the
 * same on it.
 */
class JdkHttpClientTest {
    private final HttpClient jdk = new JdkHttpClientBuilder().build();

    @Test
    void aCallbackIsDelivered() {
        try (AdfCallbackReceiver receiver = new AdfCallbackReceiver().start()) {
            new CallbackClientBuilder().httpClient(jdk)
                .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
                .buildClient().send(receiver.callbackUri("jdk"), CallbackPayload.success(Map.of("rows", 7)));
            assertThat(receiver.callbacksFor("jdk")).hasSize(1);
        }
    }

    @Test
    void tableStorageIsWrittenAndRead() {
        TableClient table = new TableServiceClientBuilder().httpClient(jdk)
            .connectionString(AzuriteTableService.shared().connectionString()).buildClient()
            .createTable("jdkclient" + Long.toHexString(System.nanoTime()));
        table.upsertEntity(new TableEntity("p", "r").addProperty("rows", 7));
        assertThat(table.getEntity("p", "r").getProperty("rows")).isEqualTo(7);
    }

    @Test
    void anAsyncOperationIsFollowedToItsResult() throws IOException {
        HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (AsyncOperationServer server = new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("triple", request -> 14, n -> n * 3)).retryAfter(Duration.ofSeconds(1)).buildServer()) {
            host.createContext("/api/", JdkHttpServerAdapter.adapt(server, 4096));
            host.start();
            Integer result = new AsyncOperationClientBuilder().httpClient(jdk).buildClient()
                .beginOperation(new BeginOperationOptions(HttpMethod.POST, "http://127.0.0.1:"
                    + host.getAddress().getPort() + "/api/submit/triple"), Integer.class).getFinalResult();
            assertThat(result).isEqualTo(42);
        } finally {
            host.stop(0);
        }
    }
}
