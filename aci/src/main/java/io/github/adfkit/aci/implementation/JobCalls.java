package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How one job calls out: nothing starts once the watcher is closed or this host no longer holds the job's lease,
 * transient ARM answers (no answer, 408, 429, 5xx) are retried on core's {@link WaitLoop} with delays from
 * {@link RetrySchedule} (honouring {@code Retry-After}) and never fail the job, and the waits hold no thread and do
 * not count the job as busy.
 */
final class JobCalls {
    private final JobContext context;
    private final Supplier<JobJournal> journal;
    private final RetrySchedule untilDeadline;

    /**
     * @param context the watcher's services
     * @param deadline when the job times out
     * @param journal the job's journal as it is now (it changes once the job is recorded)
     */
    JobCalls(JobContext context, Instant deadline, Supplier<JobJournal> journal) {
        this.context = context;
        this.journal = journal;
        this.untilDeadline = context.retries().cappedAt(deadline);
    }

    /**
     * @param error an error a call ended with
     * @return whether it means "stop without acting": the watcher was closed, or the lease is lost
     */
    static boolean isStop(Throwable error) {
        return error instanceof HostStopped || error instanceof LeaseLostException;
    }

    /**
     * @return the retry delays until the job's deadline: the last wait ends at it, and none starts after it
     */
    RetrySchedule untilDeadline() {
        return untilDeadline;
    }

    /**
     * @param attempts the most attempts
     * @return the retry delays for at most {@code attempts} attempts
     */
    RetrySchedule atMost(int attempts) {
        return context.retries().atMost(attempts);
    }

    /**
     * Runs a call unless the watcher was closed ({@link HostStopped}) or this host no longer holds the job's lease
     * ({@link LeaseLostException}): checked just before the call, so a host that lost a job acts no more.
     *
     * @param call the call
     * @param <T> what it answers
     * @return the call's answer
     */
    <T> Mono<T> whileOpen(Supplier<Mono<T>> call) {
        return Mono.defer(() -> {
            if (context.isClosed()) {
                return Mono.error(new HostStopped());
            }
            journal.get().ensureHeld();
            return call.get();
        });
    }

    /**
     * Calls ARM once while open; a call that got no answer answers {@link ArmResponse#noResponse()}.
     *
     * @param call the call
     * @return the answer; errors only to stop ({@link #isStop})
     */
    Mono<ArmResponse> once(Supplier<Mono<ArmResponse>> call) {
        return whileOpen(call).onErrorResume(noAnswer -> !isStop(noAnswer),
            noAnswer -> Mono.just(ArmResponse.noResponse()));
    }

    /**
     * Calls ARM, retrying transient answers for as long as {@code schedule} allows.
     *
     * @param call the call
     * @param schedule the delays between attempts ({@link #untilDeadline()} or {@link #atMost(int)})
     * @return the last answer, transient or not
     */
    Mono<ArmResponse> retrying(Supplier<Mono<ArmResponse>> call, RetrySchedule schedule) {
        AtomicInteger attempts = new AtomicInteger();
        return waitFor(() -> once(call).map(response -> {
            if (!response.isTransient()) {
                return WaitStep.done(response);
            }
            return againOrDone(schedule.next(attempts.incrementAndGet(), response.retryAfter(context.clock().now())),
                response);
        }));
    }

    /**
     * @param delay the schedule's delay before the next attempt, or empty when there is to be none
     * @param last what the wait ends with when there is none
     * @param <T> the result
     * @return try again after the delay, or done with {@code last}
     */
    static <T> WaitStep<T> againOrDone(Optional<Duration> delay, T last) {
        return delay.map(WaitStep::<T>again).orElseGet(() -> WaitStep.done(last));
    }

    /**
     * Runs attempts until one ends the wait, the job counting as idle between them.
     *
     * @param attempt makes one attempt and emits its decision
     * @param <T> the result
     * @return the result
     */
    <T> Mono<T> waitFor(Supplier<Mono<WaitStep<T>>> attempt) {
        return WaitLoop.run(attempt, context::waitIdle);
    }
}
