package io.github.adfkit.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManualClockTest {
    @Test
    void runsTasksInDueOrderWhenTimeAdvances() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofMinutes(10), () -> ran.add("10m@" + clock.now()));
        clock.schedule(Duration.ofMinutes(1), () -> ran.add("1m@" + clock.now()));
        SchedulingClock.Cancellable cancelled = clock.schedule(Duration.ofMinutes(5), () -> ran.add("cancelled"));
        assertThat(cancelled.cancel()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        assertThat(ran).containsExactly("1m@2026-01-01T00:01:00Z");
        assertThat(clock.pendingTasks()).isEqualTo(1);

        clock.advance(Duration.ofHours(12));
        assertThat(ran).containsExactly("1m@2026-01-01T00:01:00Z", "10m@2026-01-01T00:10:00Z");
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T12:02:00Z"));
    }

    @Test
    void tasksScheduledByTasksRunInTheSameWindow() {
        ManualClock clock = new ManualClock();
        List<Instant> polls = new ArrayList<>();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            polls.add(clock.now());
            if (polls.size() < 4) {
                clock.schedule(Duration.ofSeconds(30), poll[0]);
            }
        };
        clock.schedule(Duration.ZERO, poll[0]);
        clock.advance(Duration.ofHours(1));
        assertThat(polls).hasSize(4);
        assertThat(Duration.between(polls.get(0), polls.get(3))).isEqualTo(Duration.ofSeconds(90));
    }
}
