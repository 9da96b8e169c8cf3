package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.models.BeginOperationOptions;

/**
 * {@code POST /api/submit/query} → {@code GET /api/status/{id}} → result, followed by adfkit's own
 * {@link AsyncOperationClient}: the seed's count of distinct ids in the {@code audit} table between two dates.
 */
final class AuditQueryFlow implements TourFlow {
    @Override
    public String name() {
        return "submit -> poll -> result";
    }

    @Override
    public String run(TourContext tour) {
        Narrator narrator = tour.narrator();
        narrator.flow("async request-reply: POST /api/submit/query -> GET /api/status/{id} -> result");
        narrator.step("submit the seed's query (?" + DemoAuditRows.QUERY + ", day first) with AsyncOperationClient");
        narrator.detail("it counts distinct ids in the audit table (Azurite) and follows Retry-After while it polls");
        JsonNode result = tour.operations().beginOperation(new BeginOperationOptions(HttpMethod.POST,
            tour.host().baseUrl() + "/api/submit/query?" + DemoAuditRows.QUERY), JsonNode.class).getFinalResult();
        narrator.step("result: " + result + " distinct ids (expected " + DemoAuditRows.EXPECTED_DISTINCT_IDS + ")");
        if (result == null || result.asInt(-1) != DemoAuditRows.EXPECTED_DISTINCT_IDS) {
            throw new DemoStepFailure("the query counted " + result + " instead of "
                + DemoAuditRows.EXPECTED_DISTINCT_IDS);
        }
        return "Completed: " + result + " distinct ids, as expected";
    }
}
