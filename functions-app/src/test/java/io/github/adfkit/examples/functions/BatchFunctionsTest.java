package io.github.adfkit.examples.functions;

import com.azure.data.tables.TableClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.github.adfkit.examples.functions.FakeHttpRequest.bodyOf;
import static io.github.adfkit.examples.functions.FakeHttpRequest.jsonOf;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AzuriteExtension.class)
class BatchFunctionsTest {
    private static final String SUBMIT = "/api/batch/submit/churn";
    private static final String KEY = "k".repeat(40);
    private static final String AT_RISK = "{\"tenureMonths\": 2, \"monthlyCharges\": 105, \"supportTickets\": 5}";
    private static final String LOYAL = "{\"tenureMonths\": 60, \"monthlyCharges\": 40, \"supportTickets\": 0}";

    private final List<AsyncOperationServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(AsyncOperationServer::close);
    }

    private BatchFunctions functions(TableClient store) {
        AsyncOperationServer server = BatchFunctions.server(store);
        servers.add(server);
        return new BatchFunctions(server, CallerAuthorization.functionKey(KEY));
    }

    @Test
    void aSubmittedBatchIsFollowedFromItsLocationToEveryCustomersPrediction() {
        BatchFunctions functions = functions(BatchFunctions.operationsTable(AppSettings.of(Map.of())));

        HttpResponseMessage accepted = functions.submit(submitWithKey(
            "{\"customers\": [" + AT_RISK + ", " + LOYAL + "]}"));
        assertThat(accepted.getStatusCode()).isEqualTo(202);
        String location = accepted.getHeader("Location");
        assertThat(URI.create(location).getPath()).startsWith("/api/batch/status/");

        JsonNode done = awaitFinished(functions, location);
        assertThat(done.path("status").asText()).isEqualTo("Completed");
        assertThat(done.at("/result/model").asText()).isEqualTo("churn-v1");
        assertThat(done.at("/result/predictions/0/prediction").asText()).isEqualTo("churn");
        assertThat(done.at("/result/predictions/1/prediction").asText()).isEqualTo("stay");
        assertThat(done.at("/result/predictions/0/probability").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void aBadCustomerIsA400NamingItsIndexAndFeature() {
        BatchFunctions functions = functions(null);

        HttpResponseMessage missing = functions.submit(submitWithKey(
            "{\"customers\": [" + LOYAL + ", {\"tenureMonths\": 3, \"monthlyCharges\": 80}]}"));
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(missing)).contains("customers[1]: Missing feature 'supportTickets'");

        HttpResponseMessage notANumber = functions.submit(submitWithKey(
            "{\"customers\": [{\"tenureMonths\": \"long\", \"monthlyCharges\": 80, \"supportTickets\": 1}]}"));
        assertThat(bodyOf(notANumber)).contains("customers[0]: Feature 'tenureMonths' must be a number");

        HttpResponseMessage notAnObject = functions.submit(submitWithKey("{\"customers\": [7]}"));
        assertThat(bodyOf(notAnObject)).contains("customers[0]: Send a JSON object of feature values");
    }

    @Test
    void anEmptyOversizedOrMisshapenBatchIsA400() {
        BatchFunctions functions = functions(null);
        String tooMany = String.join(",", Collections.nCopies(BatchScoring.MAX_CUSTOMERS + 1, LOYAL));

        assertThat(bodyOf(functions.submit(submitWithKey("{\"customers\": []}"))))
            .contains("Send 1 to " + BatchScoring.MAX_CUSTOMERS + " customers; got 0.");
        assertThat(bodyOf(functions.submit(submitWithKey("{\"customers\": [" + tooMany + "]}"))))
            .contains("got " + (BatchScoring.MAX_CUSTOMERS + 1));
        assertThat(functions.submit(submitWithKey(AT_RISK)).getStatusCode()).isEqualTo(400);
        assertThat(functions.submit(submitWithKey("not json")).getStatusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownBatchIsA404() {
        BatchFunctions functions = functions(null);

        HttpResponseMessage unknown = functions.status(FakeHttpRequest.of(HttpMethod.GET,
            "/api/batch/status/0123456789abcdef0123456789abcdef"));

        assertThat(unknown.getStatusCode()).isEqualTo(404);
    }

    @Test
    void withTableStorageAnotherInstanceAnswersForTheBatch(TableClient operations) {
        BatchFunctions submittingInstance = functions(operations);
        BatchFunctions pollingInstance = functions(operations);

        String location = submittingInstance.submit(submitWithKey("{\"customers\": [" + LOYAL + "]}"))
            .getHeader("Location");

        JsonNode done = awaitFinished(pollingInstance, location);
        assertThat(done.path("status").asText()).isEqualTo("Completed");
        assertThat(done.at("/result/predictions/0/prediction").asText()).isEqualTo("stay");
    }

    @Test
    void anUnknownCallerIsRefusedThenThrottledAnotherCallerIsNotAndNothingIsStored(TableClient operations) {
        BatchFunctions functions = functions(operations);
        String batch = "{\"customers\": [" + LOYAL + "]}";

        for (int i = 0; i < AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            HttpResponseMessage wrong = functions.submit(FakeHttpRequest.post(SUBMIT, batch)
                .withHeader("x-functions-key", "guess-" + i).withHeader("X-Forwarded-For", "203.0.113.7"));
            assertThat(wrong.getStatusCode()).isEqualTo(401);
        }
        HttpResponseMessage throttled = functions.submit(submitWithKey(batch)
            .withHeader("X-Forwarded-For", "203.0.113.7"));
        assertThat(throttled.getStatusCode()).as("even the right key, from the guessing caller").isEqualTo(429);
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isPositive();
        HttpResponseMessage keyless = functions.submit(FakeHttpRequest.post(SUBMIT, batch)
            .withHeader("X-Forwarded-For", "198.51.100.20"));
        assertThat(keyless.getStatusCode()).as("another caller is refused, not throttled").isEqualTo(401);
        assertThat(operations.listEntities()).as("no refused submit stored an operation").isEmpty();

        HttpResponseMessage pipeline = functions.submit(submitWithKey(batch)
            .withHeader("X-Forwarded-For", "198.51.100.20"));
        assertThat(pipeline.getStatusCode()).isEqualTo(202);
    }

    private static FakeHttpRequest submitWithKey(String json) {
        return FakeHttpRequest.post(SUBMIT, json).withHeader("x-functions-key", KEY);
    }

    private static JsonNode awaitFinished(BatchFunctions functions, String location) {
        HttpResponseMessage finished = Eventually.await(
            () -> functions.status(FakeHttpRequest.of(HttpMethod.GET, location)),
            response -> response.getStatusCode() != 202, Duration.ofSeconds(10));
        assertThat(finished.getStatusCode()).isEqualTo(200);
        return jsonOf(finished);
    }

}
