package io.github.adfkit.examples.functions;

import com.azure.data.tables.TableClient;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.adf.AdfRun;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.github.adfkit.examples.functions.FakeHttpRequest.bodyOf;
import static io.github.adfkit.examples.functions.FakeHttpRequest.jsonOf;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AzuriteExtension.class)
class PauseRestartFunctionsTest {
    private static final String PIPELINE_KEY = "a-pipeline-key-of-at-least-32-characters";
    private static final String PAUSE_BODY = "{\"subscriptionId\": \"sub-1\", \"resourceGroupName\": \"rg-data\", "
        + "\"factoryName\": \"adf-sales\", \"pipelineName\": \"ResumeAfterApproval\", \"tenantId\": \"tenant-1\", "
        + "\"data\": {\"batch\": \"2026-11-20\", \"rows\": 1200}}";

    private final AdfFakeServer adf = new AdfFakeServer().start();

    @AfterEach
    void stop() {
        adf.close();
    }

    private PauseRestartFunctions functions(TableClient pauses) {
        return new PauseRestartFunctions(new PauseRestartClientBuilder()
            .tableClient(pauses)
            .dataFactoryManagerFactory((tenantId, subscriptionId) -> DataFactoryManager.authenticate(
                adf.httpPipeline(new StaticTestTokenCredential()), adf.azureProfile(tenantId, subscriptionId)))
            .restartPageUrl("http://localhost:7071" + PauseRestartFunctions.RESTART_PATH)
            .buildClient(), CallerAuthorization.functionKey(PIPELINE_KEY));
    }

    @Test
    void aPausedPipelineIsResumedOnceFromItsLinkAndReadsItsDataBack(TableClient pauses) {
        PauseRestartFunctions functions = functions(pauses);

        HttpResponseMessage paused = functions.pause(FakeHttpRequest.post("/api/pause", PAUSE_BODY)
            .withHeader("x-functions-key", PIPELINE_KEY));
        assertThat(paused.getStatusCode()).isEqualTo(201);
        JsonNode ticket = jsonOf(paused);
        String restartUrl = ticket.path("restartUrl").asText();
        String pauseId = ticket.path("pauseId").asText();

        HttpResponseMessage confirmation = functions.restart(FakeHttpRequest.of(HttpMethod.GET, restartUrl));
        assertThat(confirmation.getStatusCode()).isEqualTo(200);
        assertThat(bodyOf(confirmation)).contains("Resume the pipeline?").contains("ResumeAfterApproval");
        assertThat(adf.runs()).isEmpty();

        String token = URI.create(restartUrl).getQuery().substring("token=".length());
        HttpResponseMessage resumed = functions.restart(FakeHttpRequest.of(HttpMethod.POST,
            PauseRestartFunctions.RESTART_PATH).withHeader("Content-Type", "application/x-www-form-urlencoded")
            .withBody("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        assertThat(resumed.getStatusCode()).isEqualTo(200);
        assertThat(bodyOf(resumed)).contains("Pipeline resumed");
        assertThat(adf.runs()).singleElement().extracting(AdfRun::getParameters)
            .isEqualTo(Map.of("pauseId", pauseId));

        HttpResponseMessage data = functions.pauseData(FakeHttpRequest.of(HttpMethod.GET,
            "/api/pause-data/" + pauseId).withHeader("x-functions-key", PIPELINE_KEY));
        assertThat(data.getStatusCode()).isEqualTo(200);
        assertThat(jsonOf(data).path("data").path("rows").asInt()).isEqualTo(1200);
    }

    @Test
    void theLinkWorksOnlyOnce(TableClient pauses) {
        PauseRestartFunctions functions = functions(pauses);
        String restartUrl = jsonOf(functions.pause(FakeHttpRequest.post("/api/pause", PAUSE_BODY)
            .withHeader("x-functions-key", PIPELINE_KEY))).path("restartUrl").asText();
        FakeHttpRequest button = FakeHttpRequest.of(HttpMethod.POST, PauseRestartFunctions.RESTART_PATH)
            .withHeader("Content-Type", "application/x-www-form-urlencoded")
            .withBody(URI.create(restartUrl).getRawQuery());

        assertThat(functions.restart(button).getStatusCode()).isEqualTo(200);
        HttpResponseMessage again = functions.restart(button);

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(adf.runs()).hasSize(1);
    }

    @Test
    void pipelineEndpointsRefuseCallersWithoutTheKeyAndStoreNothing(TableClient pauses) {
        PauseRestartFunctions functions = functions(pauses);

        HttpResponseMessage pause = functions.pause(FakeHttpRequest.post("/api/pause", PAUSE_BODY));
        HttpResponseMessage data = functions.pauseData(FakeHttpRequest.of(HttpMethod.GET,
            "/api/pause-data/3f1c2a4e-8a0b-4c3d-9e5f-1a2b3c4d5e6f"));

        assertThat(pause.getStatusCode()).isEqualTo(401);
        assertThat(data.getStatusCode()).isEqualTo(401);
        assertThat(pauses.listEntities()).isEmpty();
    }

    @Test
    void repeatedWrongKeysOnPauseAre429ForThatCallerOnlyAndPauseNothing(TableClient pauses) {
        PauseRestartFunctions functions = functions(pauses);
        for (int i = 0; i < AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            assertThat(functions.pause(pauseFrom("203.0.113.7", "guess-" + i)).getStatusCode()).isEqualTo(401);
        }

        HttpResponseMessage throttled = functions.pause(pauseFrom("203.0.113.7", PIPELINE_KEY));
        HttpResponseMessage otherCaller = functions.pause(pauseFrom("198.51.100.20", "wrong"));

        assertThat(throttled.getStatusCode()).as("even the right key, from the guessing caller").isEqualTo(429);
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isPositive();
        assertThat(otherCaller.getStatusCode()).as("another caller is refused, not throttled").isEqualTo(401);
        assertThat(pauses.listEntities()).isEmpty();
        assertThat(functions.pause(pauseFrom("198.51.100.20", PIPELINE_KEY)).getStatusCode()).isEqualTo(201);
    }

    private static FakeHttpRequest pauseFrom(String caller, String key) {
        return FakeHttpRequest.post("/api/pause", PAUSE_BODY).withHeader("x-functions-key", key)
            .withHeader("X-Forwarded-For", caller);
    }

    @Test
    void configuredFromAppSettingsPauseDataWithoutATokenIs401() {
        PauseRestartFunctions fromSettings = PauseRestartFunctions.fromSettings(AppSettings.of(Map.of(
            AppSettings.TABLES_ENDPOINT, "https://example.table.core.windows.net",
            AppSettings.PUBLIC_BASE_URL, "https://adfkit-example.azurewebsites.net/",
            AppSettings.CALLER_TENANT_ID, "tenant-1",
            AppSettings.CALLER_AUDIENCE, "api://adfkit-example",
            AppSettings.CALLER_OBJECT_IDS, "factory-identity-1, factory-identity-2")));

        HttpResponseMessage response = fromSettings.pauseData(FakeHttpRequest.of(HttpMethod.GET,
            "/api/pause-data/3f1c2a4e-8a0b-4c3d-9e5f-1a2b3c4d5e6f"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(bodyOf(response)).contains("\"error\"");
    }

}
