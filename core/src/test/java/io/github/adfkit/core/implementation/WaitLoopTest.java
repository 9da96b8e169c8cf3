package io.github.adfkit.core.implementation;

import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one loop every retry and poll of adfkit runs on, and the one rule for its delays.
 */
class WaitLoopTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void attemptsAgainAfterEachDelayOnTheClockAndEndsWithTheValue() {
        List<Instant> attempts = new ArrayList<>();
        AtomicReference<String> result = new AtomicReference<>();
        WaitLoop.run(() -> Mono.fromSupplier(() -> {
            attempts.add(clock.now());
            return attempts.size() < 3 ? WaitStep.<String>again(Duration.ofMinutes(10)) : WaitStep.done("ok");
        }), clock).subscribe(result::set);

        assertThat(attempts).hasSize(1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(attempts).hasSize(1);
        clock.advance(Duration.ofMinutes(11));
        assertThat(attempts).hasSize(3);
        assertThat(result).hasValue("ok");
        assertThat(Duration.between(attempts.get(0), attempts.get(2))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aFailedStepEndsTheLoopWithItsException() {
        IllegalStateException refused = new IllegalStateException("refused");
        assertThatThrownBy(() -> WaitLoop.run(() -> Mono.just(WaitStep.failed(refused)), clock).block())
            .isSameAs(refused);
    }

    @Test
    void cancellingTheLoopCancelsItsTimerAndMakesNoFurtherAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        Disposable loop = WaitLoop.run(() -> Mono.fromSupplier(() -> {
            attempts.incrementAndGet();
            return WaitStep.<String>again(Duration.ofSeconds(30));
        }), clock).subscribe();
        assertThat(clock.pendingTasks()).isEqualTo(1);

        loop.dispose();
        clock.advance(Duration.ofHours(1));
        assertThat(attempts).hasValue(1);
        assertThat(clock.pendingTasks()).isZero();
    }

    @Test
    void thousandsOfImmediateAttemptsDoNotOverflowTheStack() {
        AtomicInteger attempts = new AtomicInteger();
        Integer last = WaitLoop.run(() -> Mono.fromSupplier(() -> attempts.incrementAndGet() < 20_000
            ? WaitStep.<Integer>again(Duration.ZERO) : WaitStep.done(attempts.get())),
            delay -> Mono.empty()).block();
        assertThat(last).isEqualTo(20_000);
    }

    @Test
    void theBlockingLoopSleepsOnTheClock() throws InterruptedException {
        Instant start = clock.now();
        AtomicInteger attempts = new AtomicInteger();
        String result = WaitLoop.runBlocking(() -> attempts.incrementAndGet() < 4
            ? WaitStep.again(Duration.ofHours(1)) : WaitStep.done("after three hours"), clock);
        assertThat(result).isEqualTo("after three hours");
        assertThat(Duration.between(start, clock.now())).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void aServerHintWinsOverTheBackoffButZeroIsNoHint() {
        RetrySchedule schedule = RetrySchedule.of(Backoff.fixed(Duration.ofSeconds(5)), clock);
        assertThat(schedule.next(1, Duration.ofSeconds(42))).contains(Duration.ofSeconds(42));
        assertThat(schedule.next(1, Duration.ZERO)).contains(Duration.ofSeconds(5));
        assertThat(schedule.next(1, null)).contains(Duration.ofSeconds(5));
    }

    @Test
    void attemptsAndDeadlinesEndTheSchedule() {
        Backoff tenSeconds = Backoff.fixed(Duration.ofSeconds(10));
        Instant deadline = clock.now().plusSeconds(25);
        assertThat(RetrySchedule.of(tenSeconds, clock).atMost(3).next(3, null)).isEmpty();
        assertThat(RetrySchedule.of(tenSeconds, clock).atMost(3).next(2, null)).contains(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(20));
        assertThat(RetrySchedule.of(tenSeconds, clock).within(deadline).next(1, null)).isEmpty();
        assertThat(RetrySchedule.of(tenSeconds, clock).cappedAt(deadline).next(1, null))
            .contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(RetrySchedule.of(tenSeconds, clock).cappedAt(deadline).next(1, null)).isEmpty();
    }
}
