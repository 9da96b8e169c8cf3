package io.github.adfkit.durable.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
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
import java.util.Optional;

/**
 * The decisions of an operation run under a {@link ResubmitPolicy}: after each run, accept its output, start it
 * again after a delay, or give up. A run refused as a conflict ({@link OperationStatus#isConflict()}: adfkit's
 * single-flight {@code Conflict}, a monitor failed with the code {@code Conflict}, a start answered 409) is started
 * again like a run whose output is not OK. Its decisions are {@link WaitStep}s, which the synchronous and asynchronous
 * clients carry out on {@link WaitLoop}; when to give up is a {@link RetrySchedule}: at most the policy's runs, none
 * that would start after its deadline.
 */
public final class Resubmission {
    private static final ClientLogger LOGGER = new ClientLogger(Resubmission.class);

    private final ResubmitPolicy policy;
    private final SchedulingClock clock;
    private final List<ResubmitAttempt> attempts = new ArrayList<>();
    private RetrySchedule schedule;
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
        if (schedule == null) {
            RetrySchedule runs = RetrySchedule.of(policy.getDelay(), clock).atMost(policy.getMaxAttempts());
            schedule = policy.getDeadline() == null ? runs : runs.within(attemptStart.plus(policy.getDeadline()));
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
     * @param resultType the result type
     * @param <T> the result type
     * @return done with the result and every run when its output is OK; again after the wait before the next run;
     *     failed with {@link AsyncOperationException} when the run failed other than by a conflict (failures are not
     *     re-submitted), or with {@link ResubmitExhaustedException} when no further run is allowed
     * @throws AsyncOperationException if the OK run's result cannot be read as {@code resultType}
     */
    public synchronized <T> WaitStep<ResubmitResult<T>> onFinished(OperationStatus status, Class<T> resultType) {
        boolean conflict = status.isConflict();
        if (!conflict && !status.getStatus().isSuccess()) {
            return WaitStep.failed(LOGGER.logExceptionAsError(OperationOutcome.failure(status)));
        }
        boolean ok = !conflict && !policy.isNotOk(status.getResult());
        attempts.add(new ResubmitAttempt(attempts.size() + 1, attemptStart, clock.now(), status, ok));
        LOGGER.atInfo().addKeyValue("attempt", attempts.size()).addKeyValue("ok", ok).addKeyValue("conflict", conflict)
            .addKeyValue("statusUrl", Redaction.url(status.getStatusUrl())).log("Operation run finished.");
        if (ok) {
            return WaitStep.done(new ResubmitResult<>(OperationOutcome.result(status, resultType), attempts));
        }
        Optional<Duration> delay = schedule.next(attempts.size(), null);
        if (delay.isPresent()) {
            return WaitStep.again(delay.get());
        }
        return WaitStep.failed(exhausted(attempts.size() >= policy.getMaxAttempts()
            ? "after " + attempts.size() + " run(s), the most the policy allows"
            : "after " + attempts.size() + " run(s): the next would start after the policy's deadline of "
                + policy.getDeadline()));
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
