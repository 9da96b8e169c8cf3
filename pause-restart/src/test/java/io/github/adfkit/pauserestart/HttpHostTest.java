package io.github.adfkit.pauserestart;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three endpoints on the JDK's HTTP server, called over loopback HTTP as ADF and a browser would.
 */
@ExtendWith(AzuriteExtension.class)
class HttpHostTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final PauseRestartFixture fixture;
    private final String base;
    private final HttpClient http = HttpClient.createDefault();

    HttpHostTest(TableClient table) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        fixture = new PauseRestartFixture(table, Duration.ofSeconds(5), base + "/restart");
        CallerAuthorization key = CallerAuthorization.functionKey(PauseRestartFixture.DATA_KEY);
        server.createContext("/api/pause", JdkHttpServerAdapter.adapt(new PauseHandler(fixture.client, key), 65_536));
        server.createContext("/api/pause-data", JdkHttpServerAdapter.adapt(fixture.dataHandler, 0));
        server.createContext("/restart", JdkHttpServerAdapter.adapt(fixture.pages, 4_096));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        fixture.close();
    }

    @Test
    void pipelinePausesPersonConfirmsAndResumedPipelineReadsItsData() throws Exception {
        Answer paused = pause("{\"subscriptionId\":\"sub-1\",\"resourceGroupName\":\"rg-data\","
            + "\"factoryName\":\"adf-sales\",\"pipelineName\":\"ResumeAfterApproval\",\"expiresAfter\":\"PT24H\","
            + "\"data\":{\"batch\":\"2026-11-20\"},\"emailMessage\":\"Sales <load> is ready\"}");
        assertThat(paused.statusCode()).isEqualTo(201);
        JsonNode ticket = MAPPER.readTree(paused.body());
        String restartUrl = ticket.path("restartUrl").asText();
        assertThat(restartUrl).startsWith(base + "/restart?token=");
        assertThat(ticket.path("emailHtml").asText()).contains("Sales &lt;load&gt; is ready", "href=\"" + restartUrl);

        Answer confirmation = send(new HttpRequest(HttpMethod.GET, restartUrl));
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.referrerPolicy()).isEqualTo("no-referrer");
        assertThat(fixture.adf.runs()).isEmpty();

        String token = restartUrl.substring(restartUrl.indexOf("token=") + 6);
        Answer resumed = send(new HttpRequest(HttpMethod.POST, base + "/restart")
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/x-www-form-urlencoded")
            .setBody("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(fixture.adf.runs()).singleElement()
            .satisfies(run -> assertThat(resumed.body()).contains(run.getRunId()));

        Answer data = send(new HttpRequest(HttpMethod.GET, base + "/api/pause-data/" + ticket.path("pauseId").asText())
            .setHeader(HttpHeaderName.fromString("x-functions-key"), PauseRestartFixture.DATA_KEY));
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(data.body()).path("data").path("batch").asText()).isEqualTo("2026-11-20");
    }

    @Test
    void invalidPauseRequestsAreRefusedWithJsonErrorsAndStoreNothing() throws Exception {
        Answer typo = pause("{\"subscriptionId\":\"s\",\"resourceGroupName\":\"r\",\"factoryName\":\"f\","
            + "\"pipelineName\":\"p\",\"expiresIn\":\"PT1H\"}");
        Answer missing = pause("{\"subscriptionId\":\"s\"}");
        Answer badExpiry = pause("{\"subscriptionId\":\"s\",\"resourceGroupName\":\"r\","
            + "\"factoryName\":\"f\",\"pipelineName\":\"p\",\"expiresAfter\":\"3 days\"}");
        Answer notJson = pause("subscriptionId=s");
        Answer anonymous = send(new HttpRequest(HttpMethod.POST, base + "/api/pause").setBody("{}"));

        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("Unknown field 'expiresIn'");
        assertThat(missing.body()).contains("'resourceGroupName' is required");
        assertThat(badExpiry.body()).contains("ISO-8601");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(fixture.tableDump()).isEmpty();
    }

    private Answer pause(String body) {
        return send(new HttpRequest(HttpMethod.POST, base + "/api/pause")
            .setHeader(HttpHeaderName.fromString("x-functions-key"), PauseRestartFixture.DATA_KEY)
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body));
    }

    private Answer send(HttpRequest request) {
        try (HttpResponse response = http.sendSync(request, Context.NONE)) {
            return new Answer(response.getStatusCode(), response.getBodyAsBinaryData().toString(),
                response.getHeaderValue(HttpHeaderName.fromString("Referrer-Policy")));
        }
    }

    /** What the host answered. */
    private record Answer(int statusCode, String body, String referrerPolicy) {
    }
}
