package io.github.adfkit.durable.server;

import com.azure.data.tables.TableClient;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of malformed requests over HTTP against the Table store: each is a 4xx with {@code {"error": ...}} and no
 * stack trace, and the table stays empty.
 */
@ExtendWith(AzuriteExtension.class)
class MalformedInputTest {
    private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

    private final SeedQuery seed = new SeedQuery();
    private final TableClient table;
    private AsyncOperationServer server;
    private LoopbackHost host;

    MalformedInputTest(TableClient table) {
        this.table = table;
    }

    record StartRequest(String start) {
    }

    @BeforeEach
    void start() {
        server = new AsyncOperationServerBuilder()
            .addOperationKind(seed.kind())
            .addOperationKind(OperationKind.of("json", request -> request.getBodyAs(StartRequest.class),
                input -> input.start()))
            .tableClient(table)
            .buildServer();
        host = new LoopbackHost(server);
    }

    @AfterEach
    void stop() {
        host.close();
        server.close();
    }

    static Stream<Arguments> corpus() {
        String huge = "{\"start\": \"" + "x".repeat(300 * 1024) + "\"}";
        String overServerLimit = "{\"start\": \"" + "x".repeat(100 * 1024) + "\"}";
        return Stream.of(
            Arguments.of("POST", "/api/submit/json", "{\"start\": ", Map.of(), 400,
                "The request body is not valid JSON for this operation (line 1, column 11)."),
            Arguments.of("POST", "/api/submit/json", "{\"start\": \"a\", \"start\": \"b\"}", Map.of(), 400, null),
            Arguments.of("POST", "/api/submit/json", "{\"start\": \"a\", \"admin\": true}", Map.of(), 400, null),
            Arguments.of("POST", "/api/submit/json", "{\"start\": \"a\"} trailing", Map.of(), 400, null),
            Arguments.of("POST", "/api/submit/json", "", Map.of(), 400,
                "The request body is empty; a JSON object is expected."),
            Arguments.of("POST", "/api/submit/json", huge, Map.of(), 413, null),
            Arguments.of("POST", "/api/submit/json", overServerLimit, Map.of(), 413,
                "The request body is larger than 65536 bytes."),
            Arguments.of("POST", "/api/submit/query?s=31/02/2021&e=10/12/2021", null, Map.of(), 400,
                "Invalid start date format."),
            Arguments.of("POST", "/api/submit/query?e=10/12/2021", null, Map.of(), 400, "Empty start date."),
            Arguments.of("POST", "/api/submit/query?s=10/10/2021&e=10/12/2021", null,
                Map.of("Idempotency-Key", "x".repeat(300)), 400,
                "The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
            Arguments.of("POST", "/api/submit/nothing-like-this", null, Map.of(), 404,
                "No operation kind has this name."),
            Arguments.of("POST", "/api/submit/query%27%20or%201%20eq%201", null, Map.of(), 404, null),
            Arguments.of("POST", "/api/submit/../status/" + UNKNOWN_ID, null, Map.of(), 404, null),
            Arguments.of("GET", "/api/submit/query?s=10/10/2021&e=10/12/2021", null, Map.of(), 405,
                "Use POST to submit an operation."),
            Arguments.of("PUT", "/api/submit/query?s=10/10/2021&e=10/12/2021", "{}", Map.of(), 405, null),
            Arguments.of("GET", "/api/status/" + UNKNOWN_ID, null, Map.of(), 404, "No operation has this id."),
            Arguments.of("DELETE", "/api/status/" + UNKNOWN_ID, null, Map.of(), 404, "No operation has this id."),
            Arguments.of("POST", "/api/status/" + UNKNOWN_ID, "{}", Map.of(), 405, null),
            Arguments.of("GET", "/api/status/", null, Map.of(), 400, null),
            Arguments.of("GET", "/api/status/abc", null, Map.of(), 400,
                "Malformed operation id: it is 32 lowercase hexadecimal characters."),
            Arguments.of("GET", "/api/status/" + UNKNOWN_ID.toUpperCase(Locale.ROOT), null, Map.of(), 400,
                null),
            Arguments.of("GET", "/api/status/..%2F..%2Fsubmit%2Fquery", null, Map.of(), 400, null),
            Arguments.of("GET", "/api/status/" + UNKNOWN_ID + "%27%20or%20PartitionKey%20ne%20%27", null, Map.of(),
                400, null),
            Arguments.of("DELETE", "/api/status/x'%20or%20'1'%20eq%20'1", null, Map.of(), 400, null),
            Arguments.of("GET", "/api/status/" + UNKNOWN_ID + "/history", null, Map.of(), 400, null),
            Arguments.of("GET", "/runtime/webhooks/durabletask/instances/" + UNKNOWN_ID, null, Map.of(), 404,
                "No such endpoint."));
    }

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @MethodSource("corpus")
    void malformedRequestsGetA4xxWithAClearErrorAndStoreNothing(String method, String path, String body,
        Map<String, String> headers, int status, String message) {
        LoopbackHost.Reply reply = host.send(method, path, body, headers);

        assertThat(reply.statusCode()).isEqualTo(status);
        assertThat(AsyncOperationServerHttpTest.fieldNames(reply.json())).containsExactly("error");
        if (message != null) {
            assertThat(reply.json().get("error").asText()).isEqualTo(message);
        }
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "java.", "io.github");
        assertThat(table.listEntities()).isEmpty();
        assertThat(seed.started).hasValue(0);
    }
}
