package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.core.implementation.WaitStep;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cleans up a finished job's container group as its policy says, and checks the result: a deleted group must
 * answer 404, or it is reported as leaked (logged as an error with what to do), because a forgotten group keeps
 * costing money. A group whose container may still run (timeout, cancel) is at least stopped.
 */
final class GroupCleanup {
    private static final ClientLogger LOGGER = new ClientLogger(GroupCleanup.class);
    private static final int ATTEMPTS = 8;
    private static final int VERIFY_ATTEMPTS = 8;
    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final ContainerGroupsApi api;
    private final JobIdentity job;
    private final JobCalls calls;

    GroupCleanup(ContainerGroupsApi api, JobIdentity job, JobCalls calls) {
        this.api = api;
        this.job = job;
        this.calls = calls;
    }

    /**
     * @param outcome the job's outcome
     * @param groupOwned whether the group is the job's own (false: never created, or someone else's)
     * @param mayBeRunning whether the container may still run (a timeout or a cancel)
     * @return the outcome with what cleanup did
     */
    Mono<ContainerJobResult> apply(ContainerJobResult outcome, boolean groupOwned, boolean mayBeRunning) {
        if (!groupOwned) {
            return Mono.just(with(outcome, new Done(CleanupOutcome.NOTHING_TO_CLEAN, null)));
        }
        CleanupPolicy policy = job.cleanupPolicy();
        boolean delete = policy == CleanupPolicy.DELETE_ALWAYS
            || policy == CleanupPolicy.DELETE_ON_SUCCESS && outcome.isSucceeded();
        if (delete) {
            return calls.whileOpen(this::deleteAndVerify).map(done -> with(outcome, done));
        }
        if (policy == CleanupPolicy.STOP || mayBeRunning) {
            return calls.whileOpen(this::stop).map(done -> with(outcome, done));
        }
        return Mono.just(with(outcome, new Done(CleanupOutcome.KEPT, null)));
    }

    private Mono<Done> deleteAndVerify() {
        return calls.retrying(() -> api.delete(job.ref()), calls.atMost(ATTEMPTS)).flatMap(response ->
            response.isSuccess() || response.status() == NOT_FOUND ? verifyGone()
                : Mono.just(leaked("deleting it failed with " + response.describeError())));
    }

    private Mono<Done> verifyGone() {
        AtomicInteger checks = new AtomicInteger();
        return calls.waitFor(() -> calls.retrying(() -> api.get(job.ref()), calls.atMost(ATTEMPTS)).map(response -> {
            if (response.status() == NOT_FOUND) {
                return WaitStep.done(new Done(CleanupOutcome.DELETED, null));
            }
            return calls.atMost(VERIFY_ATTEMPTS).next(checks.incrementAndGet(), null)
                .<WaitStep<Done>>map(WaitStep::again)
                .orElseGet(() -> WaitStep.done(leaked("it still exists after it was deleted (last check: "
                    + (response.status() == OK ? "HTTP 200" : response.describeError()) + ")")));
        }));
    }

    private Mono<Done> stop() {
        return calls.retrying(() -> api.stop(job.ref()), calls.atMost(ATTEMPTS)).map(response -> {
            if (response.isSuccess()) {
                return new Done(CleanupOutcome.STOPPED, null);
            }
            return response.status() == NOT_FOUND ? new Done(CleanupOutcome.NOTHING_TO_CLEAN, null)
                : leaked("stopping it failed with " + response.describeError());
        });
    }

    private Done leaked(String why) {
        String message = "Container group " + job.ref().displayName() + " was not cleaned up: " + why
            + ". It may keep costing money: delete it (az container delete -g " + job.ref().resourceGroup()
            + " -n " + job.ref().groupName() + ") and check the host identity's permissions.";
        LOGGER.error(message);
        return new Done(CleanupOutcome.LEAKED, message);
    }

    private static ContainerJobResult with(ContainerJobResult outcome, Done done) {
        return OutcomeJson.withCleanup(outcome, done.outcome(), done.message());
    }

    private record Done(CleanupOutcome outcome, String message) {
    }
}
