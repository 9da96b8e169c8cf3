package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;

import java.time.Duration;

/**
 * Two {@code rebuild} operations submitted together: single-flight in CONFLICT mode lets the first run and ends the
 * second at once with status {@code Conflict}.
 */
final class SingleFlightFlow implements TourFlow {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "single-flight Conflict";
    }

    @Override
    public String run(TourContext tour) {
        Narrator narrator = tour.narrator();
        narrator.flow("single-flight: two report rebuilds collide");
        narrator.step("submit rebuild #1 (it takes " + ReportRebuild.DURATION.toSeconds() + " s)");
        SyncPoller<OperationStatus, JsonNode> first = submitRebuild(tour);
        narrator.step("submit rebuild #2 while #1 runs");
        SyncPoller<OperationStatus, JsonNode> second = submitRebuild(tour);
        OperationStatus collided = second.waitForCompletion(DEADLINE).getValue();
        narrator.step("rebuild #2 ended " + collided.getStatus() + ": " + errorOf(collided));
        OperationStatus ran = first.waitForCompletion(DEADLINE).getValue();
        narrator.step("rebuild #1 ended " + ran.getStatus() + " with " + ran.getResult());
        if (!isConflict(collided) || !ran.getStatus().isSuccess()) {
            throw new DemoStepFailure("expected #2 Conflict and #1 Completed; got #2 " + collided.getStatus()
                + " and #1 " + ran.getStatus());
        }
        return "#2 ended Conflict at once, #1 Completed";
    }

    /**
     * A single-flight refusal: {@code Conflict} on the status URL, or on the status monitor (the
     * {@code Operation-Location}) {@code Failed} with the error code {@code Conflict}.
     */
    private static boolean isConflict(OperationStatus status) {
        return OperationRuntimeStatus.CONFLICT.equals(status.getStatus())
            || OperationRuntimeStatus.FAILED.equals(status.getStatus())
            && "Conflict".equals(status.getBody().path("error").path("code").asText());
    }

    private static String errorOf(OperationStatus status) {
        JsonNode error = status.getBody().path("error");
        return error.isObject() ? error.path("message").asText() : error.asText();
    }

    private static SyncPoller<OperationStatus, JsonNode> submitRebuild(TourContext tour) {
        return tour.operations().beginOperation(new BeginOperationOptions(HttpMethod.POST,
            tour.host().baseUrl() + "/api/submit/rebuild"), JsonNode.class);
    }
}
