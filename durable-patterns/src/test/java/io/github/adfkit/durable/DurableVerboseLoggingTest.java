package io.github.adfkit.durable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.util.BinaryData;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user does to debug the async-operation client and server: every logger at TRACE (reactor-netty's too), and
 * HTTP logging with bodies and headers, {@code code} allowed, on the client and on the Table client of the server's
 * store. Function keys in {@code code=} and {@code x-functions-key}, and the Durable system key in every status URL,
 * reach no log line.
 */
@ExtendWith(AzuriteExtension.class)
class DurableVerboseLoggingTest {
    private static final String FUNCTION_KEY = "FUNCTION-KEY-a81c";
    private static final HttpLogOptions VERBOSE = new HttpLogOptions()
        .setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS).setAllowedQueryParamNames(Set.of("code", "taskHub"))
        .setAllowedHeaderNames(Set.of("x-functions-key", "Location"));

    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer();
    private static final WireMockServer DURABLE = HOST.server();

    private final Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
    private final AsyncOperationClient client = new AsyncOperationClientBuilder().clock(new ManualClock())
        .pollBackoff(Backoff.fixed(Duration.ofSeconds(1))).httpLogOptions(VERBOSE).buildClient();
    private LogCapture logs;

    @BeforeEach
    void logEverything() {
        logs = LogCapture.start(Level.TRACE);
        netty.setLevel(Level.TRACE);
    }

    @AfterEach
    void restoreLogging() {
        netty.setLevel(null);
        logs.close();
    }

    @Test
    void followingADurableHostLogsNeitherTheFunctionKeyNorTheSystemKeyOfItsStatusUrls() {
        DURABLE.stubFor(post(urlPathEqualTo("/api/orchestrators/Export"))
            .willReturn(DurableHost.accepted(DURABLE, "Retry-After", "1")));
        DurableHost.stubStatusSequence(DURABLE,
            aResponse().withStatus(202).withHeader("Location", DurableHost.statusUrl(DURABLE))
                .withBody(DurableHost.status("Running", "null")),
            aResponse().withStatus(200).withBody(DurableHost.status("Completed", "{\"rows\":7}")));

        JsonNode result = client.beginOperation(new BeginOperationOptions(HttpMethod.POST, DURABLE.baseUrl()
                + "/api/orchestrators/Export?code=" + FUNCTION_KEY).setHeader("x-functions-key", FUNCTION_KEY)
                .setHeader("Content-Type", "application/json").setBody(BinaryData.fromString("{\"day\":\"d1\"}")),
            JsonNode.class).getFinalResult();

        assertThat(result.get("rows").asInt()).isEqualTo(7);
        String text = logs.textOutsideTheFakes();
        assertThat(text).as("HTTP logging is on").contains("/api/orchestrators/Export", "durabletask/instances/abc");
        assertThat(text).doesNotContain(FUNCTION_KEY, DurableHost.KEY)
            .doesNotContainPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
    }

    @Test
    void anAdfkitServerWithATableStoreLogsNoKeyOfTheCallsItAnswers(AzuriteTableService azurite) {
        TableClient operations = new TableClientBuilder().connectionString(azurite.connectionString())
            .tableName("verboseops" + UUID.randomUUID().toString().replace("-", "")).httpLogOptions(VERBOSE)
            .buildClient();
        operations.createTable();
        OperationKind<String> audit = OperationKind.of("audit", request -> request.getQueryParameter("day"),
            day -> Map.of("day", day, "rows", 42));
        try (AsyncOperationServer server = new AsyncOperationServerBuilder().addOperationKind(audit)
            .tableClient(operations).buildServer();
            HostServer host = new HostServerBuilder().address(new InetSocketAddress("127.0.0.1", 0))
                .route("/api/", server, 64 * 1024).start()) {
            String submit = "http://127.0.0.1:" + host.getAddress().getPort() + "/api/submit/audit?day=2021-10-12"
                + "&code=" + FUNCTION_KEY;

            JsonNode result = client.beginOperation(new BeginOperationOptions(HttpMethod.POST, submit)
                .setHeader("x-functions-key", FUNCTION_KEY), JsonNode.class).getFinalResult();

            assertThat(result.get("rows").asInt()).isEqualTo(42);
            String text = logs.textOutsideTheFakes();
            assertThat(text).as("HTTP logging is on for the client and the store's Table client")
                .contains("/api/submit/audit", "verboseops", "2021-10-12");
            assertThat(text).doesNotContain(FUNCTION_KEY)
                .doesNotContainPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
        }
    }
}
