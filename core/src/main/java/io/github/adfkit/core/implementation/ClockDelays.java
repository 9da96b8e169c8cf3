package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Waits on a {@link SchedulingClock} as Reactor values.
 */
public final class ClockDelays {
    private ClockDelays() {
    }

    /**
     * A wait on the clock that holds no thread: the returned {@code Mono} completes empty once {@code delay} has
     * passed on {@code clock}. The timer is set on subscription; cancelling the subscription cancels the timer.
     *
     * @param clock the clock that measures the wait
     * @param delay how long to wait; zero or negative completes as soon as possible
     * @return a {@code Mono} that completes after the delay
     */
    public static Mono<Void> delay(SchedulingClock clock, Duration delay) {
        return Mono.create(sink -> {
            SchedulingClock.Cancellable timer = clock.schedule(delay, sink::success);
            sink.onCancel(timer::cancel);
        });
    }
}
