package io.github.adfkit.core.implementation;

import io.github.adfkit.core.ManualClock;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ClockDelaysTest {
    @Test
    void completesOnceTheClockHasMovedOnByTheDelay() {
        ManualClock clock = new ManualClock();
        AtomicBoolean done = new AtomicBoolean();
        ClockDelays.delay(clock, Duration.ofHours(2)).subscribe(null, null, () -> done.set(true));

        clock.advance(Duration.ofMinutes(119));
        assertThat(done).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(done).isTrue();
    }

    @Test
    void cancellingTheSubscriptionCancelsTheTimer() {
        ManualClock clock = new ManualClock();
        Disposable waiting = ClockDelays.delay(clock, Duration.ofMinutes(5)).subscribe();
        assertThat(clock.pendingTasks()).isEqualTo(1);

        waiting.dispose();
        assertThat(clock.pendingTasks()).isZero();
    }
}
