package io.github.adfkit.spring;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpMethod;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.core.CallbackClient;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.server.InvalidOperationInputException;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.adf.AdfRun;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.callback.ReceivedCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application that only adds the starter, a few properties and its own beans, on a random port:
 * Table storage is Azurite, Data Factory and the callback receiver are the adfkit-testing fakes, and every request
 * goes over loopback HTTP through Spring MVC.
 */
@SpringBootTest(classes = StarterEndpointsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterEndpointsTest {
    private static final String PIPELINE_KEY = "a-pipeline-key-of-at-least-32-characters";
    private static final String RESTART_PAGE = "https://pipelines.contoso.test/restart";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AdfFakeServer ADF = new AdfFakeServer().start();
    private static final AdfCallbackReceiver CALLBACKS = new AdfCallbackReceiver().start();
    private static final TokenCredential APPLICATION_CREDENTIAL = new StaticTestTokenCredential();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;
    @Autowired
    private AsyncOperationClient asyncOperations;
    @Autowired
    private CallbackClient callbacks;
    @Autowired
    private TokenCredential credential;

    @DynamicPropertySource
    static void adfkitProperties(DynamicPropertyRegistry registry) {
        registry.add("adfkit.tables.connection-string", () -> AzuriteTableService.shared().connectionString());
        registry.add("adfkit.async-operations.server.operation-table", () -> uniqueTableName("springops"));
        registry.add("adfkit.async-operations.server.retry-after", () -> "1s");
        registry.add("adfkit.pause-restart.restart-page-url", () -> RESTART_PAGE);
        registry.add("adfkit.pause-restart.table-name", () -> uniqueTableName("springpauses"));
        registry.add("adfkit.host.max-body-bytes", () -> "4096");
    }

    @AfterAll
    static void stopFakes() {
        ADF.close();
        CALLBACKS.close();
    }

    @Test
    void asyncOperationServerAnswersSubmitAndStatusThroughSpringMvc() throws Exception {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(uri("/api/submit/double?n=21"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(submitted.statusCode()).isEqualTo(202);
        String location = URI.create(base() + "/api/submit/double").resolve(
            submitted.headers().firstValue("Location").orElseThrow()).toString();
        assertThat(location).startsWith(base() + "/api/status/");
        assertThat(submitted.headers().firstValue("Retry-After")).contains("1");

        Integer result = asyncOperations.beginPolling(location, Integer.class).getFinalResult();
        assertThat(result).isEqualTo(42);
        JsonNode status = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(location)).GET()).body());
        assertThat(status.get("status").asText()).isEqualTo("Completed");
        assertThat(status.get("result").asInt()).isEqualTo(42);
    }

    @Test
    void theStarterAsyncClientFollowsTheStarterServer() {
        Integer result = asyncOperations.beginOperation(new BeginOperationOptions(HttpMethod.POST,
            base() + "/api/submit/double?n=50"), Integer.class).getFinalResult();
        assertThat(result).isEqualTo(100);
    }

    @Test
    void badSubmitGetsTheJsonErrorAndNothingIsStarted() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/submit/double?n=many"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("application/json"));
        assertThat(MAPPER.readTree(refused.body()).get("error").asText()).isEqualTo("n must be a whole number.");
        assertThat(refused.headers().firstValue("Location")).isEmpty();

        String neverIssued = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/status/" + neverIssued)).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(unknown.body()).has("error")).isTrue();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/pause"))
            .header("x-functions-key", PIPELINE_KEY)
            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"" + "x".repeat(5_000) + "\"}")));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(MAPPER.readTree(refused.body()).get("error").asText()).contains("4096 bytes");
    }

    @Test
    void pipelinePausesPersonRestartsAndResumedPipelineReadsItsData() throws Exception {
        HttpResponse<String> paused = send(HttpRequest.newBuilder(uri("/pause"))
            .header("x-functions-key", PIPELINE_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"subscriptionId\":\"sub-spring\","
                + "\"resourceGroupName\":\"rg-data\",\"factoryName\":\"adf-sales\","
                + "\"pipelineName\":\"ResumeAfterApproval\",\"tenantId\":\"tenant-spring\","
                + "\"data\":{\"batch\":\"2026-11-20\"}}")));
        assertThat(paused.statusCode()).isEqualTo(201);
        JsonNode ticket = MAPPER.readTree(paused.body());
        String restartUrl = ticket.get("restartUrl").asText();
        assertThat(restartUrl).startsWith(RESTART_PAGE + "?token=");
        String token = URI.create(restartUrl).getQuery().substring("token=".length());

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/restart?token=" + token)).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("text/html"));
        assertThat(ADF.runs()).noneMatch(run -> "sub-spring".equals(run.getSubscriptionId()));

        HttpResponse<String> restarted = send(HttpRequest.newBuilder(uri("/restart"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
        assertThat(restarted.statusCode()).isEqualTo(200);
        List<AdfRun> runs = ADF.runs().stream().filter(run -> "sub-spring".equals(run.getSubscriptionId())).toList();
        assertThat(runs).singleElement().satisfies(run ->
            assertThat(run.getPipelineName()).isEqualTo("ResumeAfterApproval"));

        HttpResponse<String> data = send(HttpRequest.newBuilder(uri("/pause-data/" + ticket.get("pauseId").asText()))
            .header("x-functions-key", PIPELINE_KEY).GET());
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.body()).contains("2026-11-20");
    }

    @Test
    void pauseWithoutTheKeyIs401() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/pause"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"subscriptionId\":\"sub-refused\","
                + "\"resourceGroupName\":\"rg\",\"factoryName\":\"f\",\"pipelineName\":\"p\"}")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(refused.body()).has("error")).isTrue();
    }

    @Test
    void anEndpointIsOneBeanAwayAndAFailureIsA500WithoutStackTrace() throws Exception {
        HttpResponse<String> hello = send(HttpRequest.newBuilder(uri("/hello/world?name=adf")).GET());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(hello.body()).get("path").asText()).isEqualTo("/hello/world");

        HttpResponse<String> failed = send(HttpRequest.newBuilder(uri("/broken")).GET());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(MAPPER.readTree(failed.body()).get("error").asText()).startsWith("Internal error")
            .doesNotContain("IllegalStateException").doesNotContain("secret-detail");
    }

    @Test
    void theApplicationsOwnControllerWinsOverAnEndpoint() throws Exception {
        HttpResponse<String> own = send(HttpRequest.newBuilder(uri("/hello/mine")).GET());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo("the application's own");
    }

    @Test
    void theApplicationsCredentialIsUsedAndTheCallbackClientDelivers() {
        assertThat(credential).isSameAs(APPLICATION_CREDENTIAL);
        String id = UUID.randomUUID().toString();
        callbacks.send(CALLBACKS.callbackUri(id), CallbackPayload.success(Map.of("rows", 1200)));
        CALLBACKS.awaitCallbacks(1, Duration.ofSeconds(10));
        List<ReceivedCallback> received = CALLBACKS.callbacksFor(id);
        assertThat(received).hasSize(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base() + pathAndQuery);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String uniqueTableName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The application: its own beans, nothing else; the starter does the rest. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TokenCredential applicationCredential() {
            return APPLICATION_CREDENTIAL;
        }

        @Bean
        CallbackUriPolicy loopbackCallbacks() {
            return CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
        }

        @Bean
        OperationKind<Integer> doubling() {
            return OperationKind.of("double", request -> {
                try {
                    return Integer.parseInt(request.getQueryParameter("n"));
                } catch (NumberFormatException notANumber) {
                    throw new InvalidOperationInputException("n must be a whole number.");
                }
            }, n -> n * 2);
        }

        @Bean
        CallerAuthorization pipelines() {
            return CallerAuthorization.functionKey(PIPELINE_KEY);
        }

        @Bean
        DataFactoryManagerFactory fakeDataFactory() {
            return (tenantId, subscriptionId) -> DataFactoryManager.authenticate(
                ADF.httpPipeline(new StaticTestTokenCredential()), ADF.azureProfile(tenantId, subscriptionId));
        }

        @Bean
        HostEndpoint hello() {
            return HostEndpoint.of(request -> HostResponse.json(200, Map.of("path", request.getPath())), "/hello/**");
        }

        @Bean
        HostEndpoint broken() {
            return HostEndpoint.of(request -> {
                throw new IllegalStateException("secret-detail");
            }, "/broken");
        }

        @Bean
        OwnController ownController() {
            return new OwnController();
        }
    }

    /** A controller of the application's own, on a path an endpoint also matches. */
    @RestController
    static class OwnController {
        @GetMapping("/hello/mine")
        String mine() {
            return "the application's own";
        }
    }
}
