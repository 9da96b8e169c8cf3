package io.github.adfkit.pauserestart;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user does to debug pause and restart: every logger at TRACE (reactor-netty's too), and HTTP logging with
 * bodies and headers, {@code code} and {@code token} allowed, on the pause-restart client and on its Table client. A
 * whole pause and restart over loopback HTTP (the pipeline's function key in {@code ?code=}, a caller's bearer token,
 * a refused key, the restart link with its token, the page's form post, the ADF {@code createRun} call with the
 * host's ARM token) leaves none of those secrets in any log line.
 */
@ExtendWith(AzuriteExtension.class)
class PauseRestartVerboseLoggingTest {
    private static final String FUNCTION_KEY = "FUNCTION-KEY-of-at-least-32-characters-5b1e";
    private static final String CALLER_TOKEN = "CALLER-BEARER-TOKEN-2c7f";
    private static final String ARM_TOKEN = "ARM-BEARER-TOKEN-8e13";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAUSE_BODY = "{\"subscriptionId\":\"sub-1\",\"resourceGroupName\":\"rg-data\","
        + "\"factoryName\":\"adf-sales\",\"pipelineName\":\"ResumeAfterApproval\",\"data\":{\"batch\":\"b-9\"}}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPauseAndItsRestartLogNoTokenKeyOrBearerTokenWhateverTheLoggingSettings(AzuriteTableService azurite)
        throws Exception {
        HttpLogOptions verbose = new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS)
            .setAllowedQueryParamNames(Set.of("code", "token")).setAllowedHeaderNames(Set.of("Authorization"));
        Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
        AtomicReference<HostHandler> routes = new AtomicReference<>();
        try (AdfFakeServer adf = new AdfFakeServer().start(); LogCapture logs = LogCapture.start(Level.TRACE);
            HostServer host = new HostServerBuilder().address(new InetSocketAddress("127.0.0.1", 0))
                .route("/", request -> routes.get().handle(request), 64 * 1024).start()) {
            netty.setLevel(Level.TRACE);
            adf.requireBearerToken(true);
            String base = "http://127.0.0.1:" + host.getAddress().getPort();
            TableClient pauses = new TableClientBuilder().connectionString(azurite.connectionString())
                .tableName("verbosepauses" + UUID.randomUUID().toString().replace("-", "")).httpLogOptions(verbose)
                .buildClient();
            pauses.createTable();
            PauseRestartClient client = new PauseRestartClientBuilder().tableClient(pauses)
                .credential(new StaticTestTokenCredential(ARM_TOKEN)).azureEnvironment(adf.httpsEnvironment())
                .httpClient(adf.httpsClient()).httpLogOptions(verbose).restartPageUrl(base + "/restart")
                .buildClient();
            CallerAuthorization key = CallerAuthorization.functionKey(FUNCTION_KEY);
            CallerAuthorization pipelines = request -> key.isAuthorized(request)
                || ("Bearer " + CALLER_TOKEN).equals(request.getHeader("Authorization"));
            HostHandler pause = new PauseHandler(client, pipelines);
            HostHandler data = new PauseDataHandler(client, pipelines);
            HostHandler pages = new RestartPages(client);
            routes.set(request -> request.getPath().startsWith("/api/pause-data/") ? data.handle(request)
                : request.getPath().startsWith("/api/pause") ? pause.handle(request) : pages.handle(request));

            assertThat(send(post(base + "/api/pause?code=wrong-key-" + FUNCTION_KEY.substring(10), PAUSE_BODY,
                "application/json")).statusCode()).isEqualTo(401);
            HttpResponse<String> paused = send(post(base + "/api/pause?code=" + FUNCTION_KEY, PAUSE_BODY,
                "application/json"));
            assertThat(paused.statusCode()).isEqualTo(201);
            JsonNode ticket = JSON.readTree(paused.body());
            String restartUrl = ticket.path("restartUrl").asText();
            String token = URI.create(restartUrl).getQuery().substring("token=".length());
            assertThat(send(HttpRequest.newBuilder(URI.create(restartUrl)).GET().build()).body()).contains(token);
            HttpResponse<String> resumed = send(post(base + "/restart", "token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
            assertThat(resumed.body()).contains("Pipeline resumed");
            HttpResponse<String> handedOver = send(HttpRequest.newBuilder(URI.create(base + "/api/pause-data/"
                + ticket.path("pauseId").asText())).header("Authorization", "Bearer " + CALLER_TOKEN).GET().build());
            assertThat(handedOver.body()).contains("b-9");

            assertThat(adf.runs()).hasSize(1);
            String text = logs.textOutsideTheFakes();
            assertThat(text).as("HTTP logging is on for Table storage and Data Factory")
                .contains("verbosepauses", "createRun");
            assertThat(text).doesNotContain(token, FUNCTION_KEY, FUNCTION_KEY.substring(10), CALLER_TOKEN, ARM_TOKEN)
                .doesNotContainPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
        } finally {
            netty.setLevel(null);
        }
    }

    private static HttpRequest post(String url, String body, String contentType) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
