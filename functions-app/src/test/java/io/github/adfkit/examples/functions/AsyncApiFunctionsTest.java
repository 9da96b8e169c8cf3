package io.github.adfkit.examples.functions;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.examples.asyncapi.AsyncApiFunctions;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.github.adfkit.examples.functions.FakeHttpRequest.jsonOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's query API in the Functions app: only admitted callers submit, refused callers are throttled per caller,
 * and the status route stays open to whoever holds the operation's id.
 */
@ExtendWith(AzuriteExtension.class)
class AsyncApiFunctionsTest {
    private static final String KEY = "q".repeat(40);
    private static final String SUBMIT = "/api/submit/query?s=10/10/2021&e=11/10/2021";
    private static final String GUESSER = "203.0.113.7";
    private static final String PIPELINE = "198.51.100.20";

    private final TableClient audit;
    private final TableClient operations;
    private final AsyncOperationServer server;
    private final AsyncApiFunctions functions;

    AsyncApiFunctionsTest(TableClient audit, TableClient operations) {
        this.audit = audit;
        this.operations = operations;
        this.server = AsyncApiFunctions.server(audit, operations);
        this.functions = new AsyncApiFunctions(server, CallerAuthorization.functionKey(KEY));
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void anAdmittedCallerSubmitsAndAnyoneWithTheIdFollowsTheQueryToItsCount() {
        audit.createEntity(new TableEntity("2021-10-10", "1").addProperty("CertNumber", "C-1")
            .addProperty("identificationNumber", "A-1"));
        audit.createEntity(new TableEntity("2021-10-11", "2").addProperty("CertNumber", "C-2")
            .addProperty("identificationNumber", "A-2"));

        HttpResponseMessage accepted = functions.submit(submit(KEY, PIPELINE), "query");

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        String location = accepted.getHeader("Location");
        HttpResponseMessage done = Eventually.await(
            () -> functions.status(FakeHttpRequest.of(HttpMethod.GET, location), "id"),
            response -> !jsonOf(response).path("status").asText().equals("Running")
                && !jsonOf(response).path("status").asText().equals("Pending"),
            Duration.ofSeconds(10));
        assertThat(jsonOf(done).path("status").asText()).isEqualTo("Completed");
        assertThat(jsonOf(done).path("result").asInt()).isEqualTo(2);
    }

    @Test
    void wrongKeysAre401ThenThe429IsForThatCallerOnlyAndNothingIsStored() {
        for (int i = 0; i < AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE; i++) {
            assertThat(functions.submit(submit("guess-" + i, GUESSER), "query").getStatusCode()).isEqualTo(401);
        }

        HttpResponseMessage throttled = functions.submit(submit(KEY, GUESSER), "query");
        HttpResponseMessage otherCaller = functions.submit(submit("wrong", PIPELINE), "query");

        assertThat(throttled.getStatusCode()).as("even the right key, from the guessing caller").isEqualTo(429);
        assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isPositive();
        assertThat(otherCaller.getStatusCode()).as("another caller is refused, not throttled").isEqualTo(401);
        assertThat(operations.listEntities()).as("no refused submit stored an operation").isEmpty();
        assertThat(functions.submit(submit(KEY, PIPELINE), "query").getStatusCode()).isEqualTo(202);
    }

    private static FakeHttpRequest submit(String key, String caller) {
        return FakeHttpRequest.of(HttpMethod.POST, SUBMIT).withHeader("x-functions-key", key)
            .withHeader("X-Forwarded-For", caller);
    }
}
