package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.implementation.LeaseLostException;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one job's steps wait and retry on the engine's clock: transient ARM answers are retried with backoff
 * (honouring {@code Retry-After}), waits hold no thread and do not count as busy, nothing runs past the job's
 * deadline, and nothing starts once the watcher is closed or this host no longer holds the job's lease.
 */
final class JobSteps {
    /** Retry a transient answer until the job's deadline rather than a number of times. */
    static final int UNTIL_DEADLINE = Integer.MAX_VALUE;

    private final JobEngine engine;
    private final JobSettings settings;
    private final Supplier<JobJournal> journal;

    JobSteps(JobEngine engine, JobSettings settings, Supplier<JobJournal> journal) {
        this.engine = engine;
        this.settings = settings;
        this.journal = journal;
    }

    /**
     * @param error an error a step ended with
     * @return whether it means "stop without acting": the watcher was closed, or the lease is lost
     */
    static boolean isStop(Throwable error) {
        return error instanceof HostStopped || error instanceof LeaseLostException;
    }

    /**
     * Calls ARM, retrying transient answers (no answer, 408, 429, 5xx) up to {@code maxAttempts} times, or until
     * the deadline for {@link #UNTIL_DEADLINE}. Answers with the last response, transient or not.
     */
    Mono<ArmResponse> retrying(Supplier<Mono<ArmResponse>> call, int maxAttempts) {
        return attempt(call, 1, maxAttempts);
    }

    private Mono<ArmResponse> attempt(Supplier<Mono<ArmResponse>> call, int attempt, int maxAttempts) {
        return whileOpen(call).onErrorResume(noAnswer -> !isStop(noAnswer),
                noAnswer -> Mono.just(ArmResponse.noResponse()))
            .flatMap(response -> {
                boolean untilDeadline = maxAttempts == UNTIL_DEADLINE;
                if (!response.isTransient() || attempt >= maxAttempts || untilDeadline && pastDeadline()) {
                    return Mono.just(response);
                }
                Duration delay = engine.retryBackoff().delay(attempt, response.retryAfter(engine.clock().now()));
                return sleep(untilDeadline ? capped(delay) : delay)
                    .then(Mono.defer(() -> attempt(call, attempt + 1, maxAttempts)));
            });
    }

    /**
     * Runs a step unless the watcher was closed ({@link HostStopped}) or this host no longer holds the job's lease
     * ({@link LeaseLostException}): checked just before the step, so a host that lost a job acts no more.
     */
    <T> Mono<T> whileOpen(Supplier<Mono<T>> step) {
        return Mono.defer(() -> {
            if (engine.isClosed()) {
                return Mono.error(new HostStopped());
            }
            journal.get().ensureHeld();
            return step.get();
        });
    }

    /**
     * Waits on the clock without holding a thread; the job does not count as busy meanwhile. The timer is set
     * before the job counts as idle, so a test that moves the clock once all jobs are idle never misses it.
     */
    Mono<Void> sleep(Duration delay) {
        return Mono.create(sink -> {
            engine.clock().schedule(delay, () -> {
                engine.busy();
                sink.success();
            });
            engine.idle();
        });
    }

    /**
     * @return the delay, shortened so the job wakes up at its deadline (the lease is renewed by core meanwhile)
     */
    Duration capped(Duration delay) {
        Duration untilDeadline = Duration.between(engine.clock().now(), settings.deadline());
        Duration capped = delay.compareTo(untilDeadline) > 0 ? untilDeadline : delay;
        return capped.isNegative() ? Duration.ZERO : capped;
    }

    boolean pastDeadline() {
        return !engine.clock().now().isBefore(settings.deadline());
    }
}
