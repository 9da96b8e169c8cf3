package io.github.adfkit.aci.implementation;

import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.time.Instant;

/**
 * When each job's status is read: a cadence per job, and the shared {@link StatusReadQueue} that spends the
 * subscription's read budget.
 *
 * <p>The cadence: every {@link #DEFAULT_INTERVAL} (240 reads per job-hour) while nothing is known about a job's end.
 * Once its container runs and its run time is known (the spec's expected duration, or the runs of its image that
 * finished in this process, when they agree within half their median), the job is read at most every
 * {@link #CEILING} until shortly before the expected end, then every {@link #DEFAULT_INTERVAL} again; with the
 * spec's expected duration, every {@link #NEAR_INTERVAL} from shortly before it until shortly after it (a learned
 * run time only saves reads: it does not buy faster polls). When the budget is short the queue serves jobs at or past their
 * expected end first, those with nothing known next, and a read never waits more than {@link #CEILING} behind
 * others. With a poll backoff set on the builder, the backoff gives the cadence instead (the budget still
 * applies).</p>
 */
public final class PollScheduler {
    /** The interval while nothing is known about a job's end. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    /** The longest a job goes unread when the budget allows. */
    public static final Duration CEILING = Duration.ofSeconds(60);
    /** The interval around a job's expected end. */
    public static final Duration NEAR_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MIN_HALF_WINDOW = Duration.ofSeconds(30);
    private static final int HALF_WINDOW_PERCENT = 5;

    private final StatusReadQueue queue;
    private final Backoff backoff;
    private final RunTimeHistory history = new RunTimeHistory();

    /**
     * @param queue the subscription's shared read queue
     * @param backoff the cadence the user set, or {@code null} for the planned one
     */
    public PollScheduler(StatusReadQueue queue, Backoff backoff) {
        this.queue = queue;
        this.backoff = backoff;
    }

    /**
     * @param run the job
     * @param unchangedPolls how many polls in a row found the job unchanged (0 after a change or at launch)
     * @return how long to wait before the job's next status read
     */
    Duration cadence(JobRun run, int unchangedPolls) {
        return backoff != null ? backoff.delay(unchangedPolls + 1) : plan(run).delay();
    }

    /**
     * Queues the job's next status read.
     *
     * @param run the job
     * @param delay how long to wait at least (a cadence, or a retry's delay)
     * @param read the read
     * @return cancels the read if it has not gone yet
     */
    SchedulingClock.Cancellable schedule(JobRun run, Duration delay, Runnable read) {
        return queue.submit(delay, plan(run).urgency(), CEILING, read);
    }

    /**
     * Learns the run time of a finished job's image.
     *
     * @param run the job
     * @param result its result
     */
    void finished(JobRun run, ContainerJobResult result) {
        ContainerJobStatus status = result.getStatus();
        boolean exited = status.getState() == ContainerJobState.SUCCEEDED
            || status.getState() == ContainerJobState.FAILED && status.getExitCode() != null;
        if (exited && status.getStartTime() != null && status.getFinishTime() != null) {
            history.record(run.identity().image(), Duration.between(status.getStartTime(), status.getFinishTime()));
        }
    }

    private Plan plan(JobRun run) {
        ContainerJobStatus status = run.status();
        Duration hint = run.expectedDuration();
        RunTimeHistory.Estimate estimate = hint != null ? fromHint(hint) : history.estimate(run.identity().image());
        if (status.getState() != ContainerJobState.RUNNING || status.getStartTime() == null || estimate == null) {
            return new Plan(DEFAULT_INTERVAL, StatusReadQueue.Urgency.UNKNOWN);
        }
        Instant now = queue.budget().clock().now();
        Duration elapsed = Duration.between(status.getStartTime().toInstant(), now);
        Duration untilWindow = estimate.expected().minus(estimate.halfWidth()).minus(elapsed);
        if (untilWindow.compareTo(NEAR_INTERVAL) > 0) {
            return new Plan(untilWindow.compareTo(CEILING) < 0 ? untilWindow : CEILING,
                StatusReadQueue.Urgency.UNLIKELY);
        }
        boolean inWindow = elapsed.compareTo(estimate.expected().plus(estimate.halfWidth())) <= 0;
        return new Plan(inWindow && hint != null ? NEAR_INTERVAL : DEFAULT_INTERVAL, StatusReadQueue.Urgency.LIKELY);
    }

    private static RunTimeHistory.Estimate fromHint(Duration hint) {
        Duration halfWindow = hint.multipliedBy(HALF_WINDOW_PERCENT).dividedBy(100);
        return new RunTimeHistory.Estimate(hint, halfWindow.compareTo(MIN_HALF_WINDOW) < 0 ? MIN_HALF_WINDOW
            : halfWindow);
    }

    private record Plan(Duration delay, StatusReadQueue.Urgency urgency) {
    }
}
