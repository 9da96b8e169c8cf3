package io.github.adfkit.testing.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerinstance.ContainerInstanceManager;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.azure.resourcemanager.datafactory.models.CreateRunResponse;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArmFakeServerTest {
    private static final String RESOURCE_GROUP_PATH = "/subscriptions/sub-1/resourcegroups/rg-1";

    private final ArmFakeServer arm = new ArmFakeServer();
    private final StaticTestTokenCredential credential = new StaticTestTokenCredential("token-123");

    @BeforeEach
    void start() {
        arm.start();
        arm.stubFor(get(urlPathEqualTo(RESOURCE_GROUP_PATH)).willReturn(okJson("{\"name\":\"rg-1\"}")));
    }

    @AfterEach
    void stop() {
        arm.close();
    }

    @Test
    void stubAnswersThroughTheInjectedPipelineWithTheBearerHeader() {
        try (HttpResponse response = send(arm.httpPipeline(credential))) {
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getBodyAsBinaryData().toString()).contains("rg-1");
        }
        assertThat(arm.requests()).singleElement()
            .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer token-123"));
    }

    @Test
    void requestsWithoutBearerTokenAreRefusedWith401UnlessSwitchedOff() {
        HttpPipeline anonymous = new HttpPipelineBuilder().build();
        try (HttpResponse response = send(anonymous)) {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getBodyAsBinaryData().toString()).contains("AuthenticationFailed");
        }
        arm.requireBearerToken(false);
        try (HttpResponse response = send(anonymous)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
        }
        assertThat(arm.requests()).hasSize(2);
    }

    @Test
    void faultInjectionAtFullRateAnswers429WithRetryAfter() {
        arm.injectFaults(1.0, 429);

        try (HttpResponse response = send(arm.httpPipeline(credential))) {
            assertThat(response.getStatusCode()).isEqualTo(429);
            assertThat(response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER)).isEqualTo("1");
            assertThat(response.getBodyAsBinaryData().toString()).contains("TooManyRequests");
        }
        assertThat(arm.injectedFaultCount()).isEqualTo(1);
        assertThat(arm.requests()).hasSize(1);

        arm.clearFaults();
        try (HttpResponse response = send(arm.httpPipeline(credential))) {
            assertThat(response.getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void sameSeedGivesTheSameFaults() {
        try (ArmFakeServer other = new ArmFakeServer().start()) {
            other.stubFor(get(urlPathEqualTo(RESOURCE_GROUP_PATH)).willReturn(okJson("{}")));
            arm.injectFaults(7L, 0.5, 500, 503);
            other.injectFaults(7L, 0.5, 500, 503);

            List<Integer> first = statuses(arm.httpPipeline(credential), arm.baseUrl(), 30);
            List<Integer> second = statuses(other.httpPipeline(credential), other.baseUrl(), 30);

            assertThat(first).isEqualTo(second).contains(200).containsAnyOf(500, 503);
        }
    }

    @Test
    void retryOptionsOverloadRetriesInjectedFaults() {
        arm.injectFaults(1.0, 500);
        RetryOptions retries = new RetryOptions(new FixedDelayOptions(2, Duration.ofMillis(1)));

        try (HttpResponse response = send(arm.httpPipeline(credential, retries))) {
            assertThat(response.getStatusCode()).isEqualTo(500);
        }
        assertThat(arm.requests()).hasSize(3);
    }

    @Test
    void rejectsImpossibleFaultSettings() {
        assertThatThrownBy(() -> arm.injectFaults(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> arm.injectFaults(0.5, 200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void azureProfileSendsResourceManagerTrafficToTheFake() {
        AzureProfile profile = arm.azureProfile("tenant-1", "sub-1");

        assertThat(profile.getEnvironment().getResourceManagerEndpoint()).isEqualTo(arm.baseUrl() + "/");
        assertThat(profile.getEnvironment().getMicrosoftGraphEndpoint()).isNotNull();
        assertThat(profile.getTenantId()).isEqualTo("tenant-1");
        assertThat(profile.getSubscriptionId()).isEqualTo("sub-1");
    }

    @Test
    void dataFactoryManagerCreatesARunAgainstTheFake() {
        arm.stubFor(post(urlPathMatching("/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.DataFactory"
            + "/factories/adf-1/pipelines/resume/createRun"))
            .willReturn(okJson("{\"runId\":\"run-42\"}")));
        DataFactoryManager adf =
            DataFactoryManager.authenticate(arm.httpPipeline(credential), arm.azureProfile("tenant-1", "sub-1"));

        CreateRunResponse run = adf.pipelines().createRunWithResponse("rg-1", "adf-1", "resume", null, null, null,
            null, Map.of("pauseId", "p-1"), Context.NONE).getValue();

        assertThat(run.runId()).isEqualTo("run-42");
        List<LoggedRequest> createRuns = arm.findAll(postRequestedFor(urlPathMatching(".+/createRun"))
            .withRequestBody(equalToJson("{\"pauseId\":\"p-1\"}")));
        assertThat(createRuns).singleElement()
            .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer token-123"));
    }

    @Test
    void containerInstanceManagerCanBeBuiltOnTheFake() {
        ContainerInstanceManager aci = ContainerInstanceManager.authenticate(arm.httpPipeline(credential),
            arm.azureProfile("tenant-1", "sub-1"));

        assertThat(aci.containerGroups()).isNotNull();
    }

    @Test
    void baseUrlBeforeStartIsAClearError() {
        try (ArmFakeServer notStarted = new ArmFakeServer()) {
            assertThatThrownBy(notStarted::baseUrl).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        }
    }

    private HttpResponse send(HttpPipeline pipeline) {
        return pipeline.sendSync(new HttpRequest(HttpMethod.GET, arm.baseUrl() + RESOURCE_GROUP_PATH), Context.NONE);
    }

    private static List<Integer> statuses(HttpPipeline pipeline, String baseUrl, int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            try (HttpResponse response =
                     pipeline.sendSync(new HttpRequest(HttpMethod.GET, baseUrl + RESOURCE_GROUP_PATH), Context.NONE)) {
                statuses.add(response.getStatusCode());
            }
        }
        return statuses;
    }
}
