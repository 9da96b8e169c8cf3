package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitAttempt;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;

import java.time.Duration;

/**
 * Two {@code rebuild} operations submitted together: single-flight in CONFLICT mode lets the first run and refuses
 * the second at once as a conflict; adfkit's client re-submits the second with {@code runWithResubmit} until the
 * first has finished, and then it runs and completes too.
 */
final class SingleFlightFlow implements TourFlow {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration RESUBMIT_DELAY = Duration.ofMillis(500);
    private static final int MAX_ATTEMPTS = 20;

    @Override
    public String name() {
        return "single-flight resubmitted";
    }

    @Override
    public String run(TourContext tour) {
        Narrator narrator = tour.narrator();
        narrator.flow("single-flight: two report rebuilds collide");
        narrator.step("submit rebuild #1 (it takes " + ReportRebuild.DURATION.toSeconds() + " s)");
        SyncPoller<OperationStatus, JsonNode> first = tour.operations().beginOperation(rebuild(tour), JsonNode.class);
        narrator.step("submit rebuild #2 while #1 runs, re-submitting it while it is refused as a conflict");
        ResubmitResult<JsonNode> second = tour.operations().runWithResubmit(rebuild(tour),
            ResubmitPolicy.conflictsOnly().setMaxAttempts(MAX_ATTEMPTS).setDelay(Backoff.fixed(RESUBMIT_DELAY))
                .setDeadline(DEADLINE), JsonNode.class);
        long refused = second.getAttempts().stream().map(ResubmitAttempt::getFinalStatus)
            .filter(OperationStatus::isConflict).count();
        OperationStatus last = second.getAttempts().get(second.getAttempts().size() - 1).getFinalStatus();
        narrator.step("rebuild #2 was refused as a conflict " + refused + " time(s), then ended " + last.getStatus()
            + " with " + second.getValue());
        OperationStatus ran = first.waitForCompletion(DEADLINE).getValue();
        narrator.step("rebuild #1 ended " + ran.getStatus() + " with " + ran.getResult());
        if (refused == 0 || !last.getStatus().isSuccess() || !ran.getStatus().isSuccess()) {
            throw new DemoStepFailure("expected #2 refused as a conflict and then Completed, and #1 Completed; got #2 "
                + last.getStatus() + " after " + refused + " conflict(s) and #1 " + ran.getStatus());
        }
        return "#2 refused as a conflict " + refused + "x, then Completed; #1 Completed";
    }

    private static BeginOperationOptions rebuild(TourContext tour) {
        return new BeginOperationOptions(HttpMethod.POST, tour.host().baseUrl() + "/api/submit/rebuild");
    }
}
