package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * adfkit's one loop for everything that retries or polls: it makes an attempt, reads its {@link WaitStep}, and either
 * ends (with the value or the failure) or waits the step's delay and makes the next attempt. The non-blocking loop
 * waits on a {@link SchedulingClock} timer and holds no thread in between; the blocking loop sleeps on the clock (a
 * {@link io.github.adfkit.core.ManualClock} makes hours pass at once). The attempts decide; the loop only waits.
 */
public final class WaitLoop {
    private WaitLoop() {
    }

    /**
     * Runs attempts on the clock until one ends the wait.
     *
     * @param attempt makes one attempt when subscribed and emits its decision; empty ends the loop empty
     * @param clock the clock the waits go through
     * @param <T> the type of the result
     * @return emits the result, errors with the failure; cancelling stops the loop and its timer
     */
    public static <T> Mono<T> run(Supplier<Mono<WaitStep<T>>> attempt, SchedulingClock clock) {
        return run(attempt, delay -> ClockDelays.delay(clock, delay));
    }

    /**
     * Runs attempts until one ends the wait, waiting with {@code wait} in between (for callers that account for
     * their waits, such as the container-job watcher's count of busy jobs).
     *
     * @param attempt makes one attempt when subscribed and emits its decision; empty ends the loop empty
     * @param wait completes after the given delay, holding no thread
     * @param <T> the type of the result
     * @return emits the result, errors with the failure; cancelling stops the loop and its timer
     */
    public static <T> Mono<T> run(Supplier<Mono<WaitStep<T>>> attempt, Function<Duration, Mono<Void>> wait) {
        Objects.requireNonNull(attempt, "'attempt' cannot be null.");
        Objects.requireNonNull(wait, "'wait' cannot be null.");
        return Mono.create(sink -> new Loop<>(attempt, wait, sink).next());
    }

    /**
     * Runs attempts on the calling thread until one ends the wait, sleeping on the clock in between.
     *
     * @param attempt makes one attempt and returns its decision
     * @param clock the clock the sleeps go through
     * @param <T> the type of the result
     * @return the result
     * @throws RuntimeException the failure of the step that ended the wait
     * @throws InterruptedException if the thread is interrupted while sleeping
     */
    public static <T> T runBlocking(Supplier<WaitStep<T>> attempt, SchedulingClock clock)
        throws InterruptedException {
        while (true) {
            WaitStep<T> step = attempt.get();
            switch (step.kind()) {
                case DONE:
                    return step.value();
                case FAILED:
                    throw step.failure();
                default:
                    clock.sleep(step.delay());
            }
        }
    }

    /**
     * One running loop. Each attempt and each wait is a fresh subscription (no operator chain grows with the number
     * of attempts), and the current one is disposed when the loop's subscriber cancels.
     */
    private static final class Loop<T> {
        private final Supplier<Mono<WaitStep<T>>> attempt;
        private final Function<Duration, Mono<Void>> wait;
        private final MonoSink<T> sink;
        private final Disposable.Swap current = Disposables.swap();
        private final AtomicInteger pending = new AtomicInteger();
        private long generation;

        Loop(Supplier<Mono<WaitStep<T>>> attempt, Function<Duration, Mono<Void>> wait, MonoSink<T> sink) {
            this.attempt = attempt;
            this.wait = wait;
            this.sink = sink;
            sink.onDispose(current);
        }

        /**
         * Makes the next attempt. An attempt or wait that ends at once calls this again on the same thread while it
         * is still running: that call only counts, and the running one goes round once more, so the stack does not
         * grow with the number of attempts.
         */
        void next() {
            if (pending.getAndIncrement() != 0) {
                return;
            }
            do {
                attempt();
            } while (pending.decrementAndGet() != 0);
        }

        private void attempt() {
            if (current.isDisposed()) {
                return;
            }
            Mono<WaitStep<T>> step;
            try {
                step = Objects.requireNonNull(attempt.get(), "An attempt returned null.");
            } catch (RuntimeException attemptFailed) {
                sink.error(attemptFailed);
                return;
            }
            long started = begin();
            track(started, step.switchIfEmpty(Mono.fromRunnable(sink::success)).subscribe(this::onStep, sink::error));
        }

        private void onStep(WaitStep<T> step) {
            switch (step.kind()) {
                case DONE -> sink.success(step.value());
                case FAILED -> sink.error(step.failure());
                default -> {
                    long started = begin();
                    track(started, wait.apply(step.delay()).subscribe(null, sink::error, this::next));
                }
            }
        }

        private synchronized long begin() {
            return ++generation;
        }

        /**
         * Keeps the subscription to dispose on cancel, unless a later one began meanwhile (an attempt or wait that
         * ended at once, on this thread or another).
         */
        private synchronized void track(long started, Disposable subscription) {
            if (started == generation) {
                current.replace(subscription);
            }
        }
    }
}
