package io.github.adfkit.core.implementation;

import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.SchedulingClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * adfkit's one SyncPoller and one PollerFlux, over a wait that reaches "done" at its fourth poll, one poll every
 * ten minutes of a manual clock.
 */
class SourceSyncPollerTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void waitsForCompletionOnTheClockAndReturnsTheFinalResult() {
        CountingSource source = new CountingSource(clock, 4);
        SourceSyncPoller<Integer, String> poller = new SourceSyncPoller<>(source);

        assertThat(poller.poll().getStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        assertThat(poller.getFinalResult()).isEqualTo("result after 4 polls");
        assertThat(poller.poll().getValue()).isEqualTo(4);
        assertThat(source.polls).hasValue(4);
    }

    @Test
    void aTimeoutThatPassesThrowsTheSourcesExceptionAndLeavesTheWaitAsItIs() {
        SourceSyncPoller<Integer, String> poller = new SourceSyncPoller<>(new CountingSource(clock, 4));

        assertThatThrownBy(() -> poller.waitForCompletion(Duration.ofMinutes(15)))
            .isInstanceOf(IllegalStateException.class).hasMessage("not done within PT15M at poll 1");
        assertThat(poller.waitForCompletion(Duration.ofHours(1)).getValue()).isEqualTo(4);
    }

    @Test
    void waitUntilReturnsTheLatestResponseWhenItsTimeoutPasses() {
        SourceSyncPoller<Integer, String> poller = new SourceSyncPoller<>(new CountingSource(clock, 4));

        PollResponse<Integer> latest = poller.waitUntil(Duration.ofMinutes(25),
            LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(latest.getValue()).isEqualTo(2);
        assertThatThrownBy(() -> poller.waitForCompletion(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePollerFluxEmitsEveryResponseAndTheFinalResult() {
        CountingSource source = new CountingSource(clock, 3);
        List<AsyncPollResponse<Integer, String>> responses = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result = SourcePollerFlux.create(Mono.just(source)).doOnNext(responses::add)
            .last().flatMap(AsyncPollResponse::getFinalResult).toFuture();
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!result.isDone() && System.nanoTime() < giveUp) {
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(result).isCompletedWithValue("result after 3 polls");
        assertThat(responses).extracting(AsyncPollResponse::getValue).endsWith(1, 2, 3);
        assertThat(source.polls).hasValue(3);
    }

    /**
     * A wait whose value counts the polls; it is done once the count reaches {@code last}.
     */
    private static final class CountingSource implements PollSource<Integer, String> {
        private final ManualClock clock;
        private final int last;
        private final AtomicInteger polls = new AtomicInteger();

        CountingSource(ManualClock clock, int last) {
            this.clock = clock;
            this.last = last;
        }

        @Override
        public PollResponse<Integer> first() {
            return response(0);
        }

        @Override
        public PollResponse<Integer> poll(PollResponse<Integer> seen) {
            return response(polls.incrementAndGet());
        }

        @Override
        public Mono<PollResponse<Integer>> next(PollResponse<Integer> seen) {
            return ClockDelays.delay(clock, Duration.ofMinutes(10)).then(Mono.fromSupplier(() -> poll(seen)));
        }

        @Override
        public PollResponse<Integer> awaitNext(PollResponse<Integer> seen, Duration maxWait) {
            if (maxWait != null && maxWait.compareTo(Duration.ofMinutes(10)) < 0) {
                clock.sleep(maxWait);
                return null;
            }
            clock.sleep(Duration.ofMinutes(10));
            return poll(seen);
        }

        @Override
        public Mono<String> finalResult(PollResponse<Integer> done) {
            return Mono.just("result after " + done.getValue() + " polls");
        }

        @Override
        public void cancel() {
        }

        @Override
        public Mono<Void> cancelAsync() {
            return Mono.empty();
        }

        @Override
        public RuntimeException timedOut(PollResponse<Integer> latest, Duration timeout) {
            return new IllegalStateException("not done within " + timeout + " at poll " + latest.getValue());
        }

        @Override
        public SchedulingClock clock() {
            return clock;
        }

        private PollResponse<Integer> response(int count) {
            return new PollResponse<>(count >= last ? LongRunningOperationStatus.SUCCESSFULLY_COMPLETED
                : LongRunningOperationStatus.IN_PROGRESS, count);
        }
    }
}
