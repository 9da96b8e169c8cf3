package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.github.adfkit.examples.functions.FakeHttpRequest.bodyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobFunctionsTest {
    private static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
    private static final String KEY = "k".repeat(40);
    private static final String FAKES_PACKAGE = "io.github.adfkit.testing.";
    private static final String ADF_CALLBACK = "https://westeurope.svc.datafactory.azure.com/workflow/callback/1"
        + "?callbackid=1&code=secret";

    private final AciFakeServer aci = new AciFakeServer(Instant::now).start();
    private final AdfCallbackReceiver adf = new AdfCallbackReceiver().start();
    private final ContainerJobClient client = new ContainerJobClientBuilder()
        .endpoint(aci.baseUrl())
        .pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
        .subscriptionId("sub-1")
        .pollBackoff(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(100)))
        .callbackClient(new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).buildAsyncClient())
        .webhookImagePolicy(ContainerImagePolicy.none().allowRegistry("myacr.azurecr.io"))
        .buildClient();
    private final JobFunctions functions = new JobFunctions(new StartJobHandler(client, "rg-jobs", "westeurope",
        new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK)), CallerAuthorization.functionKey(KEY));

    @AfterEach
    void stop() {
        client.getWatcher().close();
        adf.close();
        aci.close();
    }

    @Test
    void aWebhookStartsTheContainerAnswers202AndTheJobsResultReachesTheCallBackUri() {
        aci.defaultScenario(AciScenario.runsFor(Duration.ofMillis(200)).withPendingFor(Duration.ofMillis(50))
            .withLogs("scored 1200 rows"));
        String callBackUri = adf.callbackUri("run-1");

        HttpResponseMessage response;
        try (LogCapture logs = LogCapture.start()) {
            response = functions.startJob(post( "{\"image\": "
                + "\"myacr.azurecr.io/report:1.4\", \"command\": [\"python\", \"report.py\"], "
                + "\"parameters\": {\"month\": \"2026-10\"}, \"callBackUri\": \"" + callBackUri + "\"}"));
            adf.awaitCallbacks(1, Duration.ofSeconds(20));
            assertThat(logs.lines("io.github.adfkit")).filteredOn(line -> !line.contains(FAKES_PACKAGE))
                .noneMatch(line -> line.contains(adf.callbackCode("run-1")));
        }

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(bodyOf(response)).contains("\"resourceGroup\":\"rg-jobs\"").doesNotContain("code=");
        JsonNode callback = adf.callbacksFor("run-1").get(0).body();
        assertThat(callback.path("StatusCode").asText()).isEqualTo("200");
        assertThat(callback.at("/Output/logTail").asText()).contains("scored 1200 rows");
        JsonNode container = aci.createRequestBodies().get(0).at("/properties/containers/0/properties");
        assertThat(container.path("image").asText()).isEqualTo("myacr.azurecr.io/report:1.4");
        assertThat(container.path("command").toString()).isEqualTo("[\"python\",\"report.py\"]");
        assertThat(container.path("environmentVariables").toString()).contains("{\\\"month\\\":\\\"2026-10\\\"}");
    }

    @Test
    void theTimerTellsHowManyJobsThisInstanceFollows() {
        aci.defaultScenario(AciScenario.runsFor(Duration.ofHours(1)));
        functions.startJob(post("{\"image\": \"myacr.azurecr.io/report:1.4\", \"callBackUri\": \""
            + adf.callbackUri("run-timer") + "\"}"));

        try (LogCapture logs = LogCapture.start()) {
            functions.resumeJobs("{\"isPastDue\": false}");

            assertThat(logs.text("io.github.adfkit.examples.functions"))
                .contains("follows the stored container jobs").contains("\"watchedJobs\":1");
        }
    }

    @Test
    void anUnknownCallerIsRefusedAndThrottledAndAnImageOutsideThePolicyIsA400() {
        String body = "{\"image\": \"attacker/miner:latest\", \"callBackUri\": \"" + ADF_CALLBACK + "\"}";
        for (int i = 0; i < AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            assertThat(functions.startJob(FakeHttpRequest.post("/api/jobs", body)
                .withHeader("x-functions-key", "guess-" + i)).getStatusCode()).isEqualTo(401);
        }
        assertThat(functions.startJob(FakeHttpRequest.post("/api/jobs", body)).getStatusCode()).isEqualTo(429);

        JobFunctions fresh = new JobFunctions(new StartJobHandler(client, "rg-jobs", "westeurope",
            new WebhookRequestOptions()), CallerAuthorization.functionKey(KEY));
        HttpResponseMessage miner = fresh.startJob(FakeHttpRequest.post("/api/jobs", body)
            .withHeader("x-functions-key", KEY));
        assertThat(miner.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(miner)).contains("is not allowed");
        assertThat(aci.requests()).isEmpty();
    }

    @Test
    void aStringBodyIsA400AndNothingIsStarted() {
        HttpResponseMessage response = functions.startJob(post( "\"run the report\""));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(response)).contains("a JSON string, not an object");
        assertThat(aci.requests()).isEmpty();
    }

    @Test
    void aBodyWithoutImageOrWithUnknownPropertiesIsA400() {
        HttpResponseMessage noImage = functions.startJob(post(
            "{\"parameters\": {}, \"callBackUri\": \"" + ADF_CALLBACK + "\"}"));
        assertThat(noImage.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(noImage)).contains("needs \\\"image\\\"");

        HttpResponseMessage typo = functions.startJob(post(
            "{\"image\": \"myacr.azurecr.io/report:1.4\", \"parameter\": {}, \"callBackUri\": \"" + ADF_CALLBACK
                + "\"}"));
        assertThat(typo.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(typo)).contains("parameter").doesNotContain("secret");
        assertThat(aci.requests()).isEmpty();
    }

    @Test
    void configuredFromAppSettingsAMissingCallBackUriIsA400WithoutTouchingAzure() {
        JobFunctions fromSettings = new JobFunctions(StartJobHandler.fromSettings(AppSettings.of(Map.of(
            AppSettings.SUBSCRIPTION_ID, "sub-1", AppSettings.RESOURCE_GROUP, "rg-jobs",
            AppSettings.LOCATION, "westeurope", AppSettings.IMAGE_REGISTRIES, "myacr.azurecr.io"))),
            CallerAuthorization.functionKey(KEY));

        HttpResponseMessage response = fromSettings.startJob(post(
            "{\"image\": \"myacr.azurecr.io/report:1.4\", \"callbackUri\": \"" + ADF_CALLBACK + "\"}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(response)).contains("no 'callBackUri'").contains("found 'callbackUri'")
            .doesNotContain("secret");
    }

    @Test
    void aMissingAppSettingIsNamed() {
        Map<String, String> withoutLocation = Map.of(AppSettings.SUBSCRIPTION_ID, "sub-1",
            AppSettings.RESOURCE_GROUP, "rg-jobs", AppSettings.IMAGE_REGISTRIES, "myacr.azurecr.io");

        assertThatThrownBy(() -> StartJobHandler.fromSettings(AppSettings.of(withoutLocation)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining(AppSettings.LOCATION);
    }

    @Test
    void onlyPostIsAccepted() {
        HttpResponseMessage response = functions.startJob(FakeHttpRequest.of(HttpMethod.GET, "/api/jobs")
            .withHeader("x-functions-key", KEY));

        assertThat(response.getStatusCode()).isEqualTo(405);
    }

    private static FakeHttpRequest post(String json) {
        return FakeHttpRequest.post("/api/jobs", json).withHeader("x-functions-key", KEY);
    }
}
