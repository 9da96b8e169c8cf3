package io.github.adfkit.durable.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.ResubmitExhaustedException;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitAttempt;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of an operation run under a {@link ResubmitPolicy}: after each run, accept its output, start it
 * again after a delay, or give up. A run refused as a conflict ({@link OperationStatus#isConflict()}: adfkit's
 * single-flight {@code Conflict}, a monitor failed with the code {@code Conflict}, a start answered 409) is started
 * again like a run whose output is not OK. The synchronous and asynchronous clients share it and differ only in how
 * they wait.
 */
public final class Resubmission {
    private static final ClientLogger LOGGER = new ClientLogger(Resubmission.class);

    private final ResubmitPolicy policy;
    private final SchedulingClock clock;
    private final List<ResubmitAttempt> attempts = new ArrayList<>();
    private Instant firstStart;
    private Instant attemptStart;

    /**
     * @param policy when to start again
     * @param clock the clock
     */
    public Resubmission(ResubmitPolicy policy, SchedulingClock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Records that a run is about to start.
     *
     * @return the run's number, from 1
     */
    public synchronized int starting() {
        attemptStart = clock.now();
        if (firstStart == null) {
            firstStart = attemptStart;
        }
        return attempts.size() + 1;
    }

    /**
     * @param refused why a run gave no final status
     * @return the conflict refusal it carries (a start answered 409), or {@code null} when it is another failure
     */
    public static OperationStatus conflictOf(AsyncOperationException refused) {
        OperationStatus status = refused.getLastStatus();
        return status != null && status.isConflict() ? status : null;
    }

    /**
     * Decides after a run finished.
     *
     * @param status the run's terminal status, or the conflict refusal of its start
     * @return {@code null} when its output is OK, otherwise the wait before the next run
     * @throws AsyncOperationException if the run failed other than by a conflict (failures are not re-submitted)
     * @throws ResubmitExhaustedException if no further run is allowed
     */
    public synchronized Duration onFinished(OperationStatus status) {
        boolean conflict = status.isConflict();
        if (!conflict && !status.getStatus().isSuccess()) {
            throw LOGGER.logExceptionAsError(OperationOutcome.failure(status));
        }
        boolean ok = !conflict && !policy.isNotOk(status.getResult());
        attempts.add(new ResubmitAttempt(attempts.size() + 1, attemptStart, clock.now(), status, ok));
        LOGGER.atInfo().addKeyValue("attempt", attempts.size()).addKeyValue("ok", ok).addKeyValue("conflict", conflict)
            .addKeyValue("statusUrl", Redaction.url(status.getStatusUrl())).log("Operation run finished.");
        if (ok) {
            return null;
        }
        if (attempts.size() >= policy.getMaxAttempts()) {
            throw exhausted("after " + attempts.size() + " run(s), the most the policy allows");
        }
        Duration delay = policy.getDelay().delay(attempts.size());
        if (policy.getDeadline() != null && clock.now().plus(delay).isAfter(firstStart.plus(policy.getDeadline()))) {
            throw exhausted("after " + attempts.size() + " run(s): the next would start after the policy's deadline "
                + "of " + policy.getDeadline());
        }
        return delay;
    }

    /**
     * @param resultType the result type
     * @param <T> the result type
     * @return the result of the last run, which was OK, and every run
     */
    public synchronized <T> ResubmitResult<T> result(Class<T> resultType) {
        OperationStatus last = attempts.get(attempts.size() - 1).getFinalStatus();
        return new ResubmitResult<>(OperationOutcome.result(last, resultType), attempts);
    }

    private ResubmitExhaustedException exhausted(String when) {
        OperationStatus last = attempts.get(attempts.size() - 1).getFinalStatus();
        String output = last.isConflict() ? "refused as a conflict (" + Redaction.text(String.valueOf(last.getBody()))
            + ")" : last.getResult() == null ? "no output" : Redaction.text(last.getResult().toString());
        ResubmitExhaustedException exhausted = new ResubmitExhaustedException("The operation's output was still not "
            + "OK " + when + " (" + policy + "); last output: " + output, attempts);
        LOGGER.logExceptionAsError(exhausted);
        return exhausted;
    }
}
