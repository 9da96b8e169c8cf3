package io.github.adfkit.core.implementation;

import com.azure.core.util.polling.PollResponse;
import io.github.adfkit.core.SchedulingClock;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One wait as azure-core's pollers see it: where it starts, how to get the response after the one a caller has
 * seen, its final result and its cancel. A container job (watched by adfkit in the background) and an asynchronous
 * operation (polled on the caller's behalf) each provide one; {@link SourceSyncPoller} and
 * {@link SourcePollerFlux} are the only {@code SyncPoller} and {@code PollerFlux} built on them.
 *
 * @param <S> the type of the poll responses' values
 * @param <R> the type of the final result
 */
public interface PollSource<S, R> {
    /**
     * @return the response a poller starts with
     */
    PollResponse<S> first();

    /**
     * Polls once now, blocking (for a wait adfkit watches in the background, the latest response).
     *
     * @param seen the response the caller has
     * @return the response now
     */
    PollResponse<S> poll(PollResponse<S> seen);

    /**
     * The next response after {@code seen}, without blocking: it waits (on the clock, or for the background watch)
     * and then reads.
     *
     * @param seen the response the caller has
     * @return emits the next response, or errors with why the wait failed
     */
    Mono<PollResponse<S>> next(PollResponse<S> seen);

    /**
     * Blocks for the next response after {@code seen}, at most {@code maxWait}. The default blocks on
     * {@link #next(PollResponse)}; a source that sleeps on its clock overrides it so a manual clock makes the wait
     * take no time.
     *
     * @param seen the response the caller has
     * @param maxWait the longest wait, or {@code null} for no limit
     * @return the next response, or {@code null} if none came within {@code maxWait}
     */
    default PollResponse<S> awaitNext(PollResponse<S> seen, Duration maxWait) {
        Mono<PollResponse<S>> next = next(seen);
        if (maxWait != null) {
            next = next.timeout(maxWait).onErrorResume(TimeoutException.class, late -> Mono.empty());
        }
        return next.block();
    }

    /**
     * @param last the terminal response
     * @return emits the final result, or errors when the wait ended in failure
     */
    Mono<R> finalResult(PollResponse<S> last);

    /**
     * Asks for the wait's work to stop, blocking for the request.
     */
    void cancel();

    /**
     * Asks for the wait's work to stop without blocking.
     *
     * @return completes once asked
     */
    Mono<Void> cancelAsync();

    /**
     * @param last the latest response
     * @param timeout the caller's timeout
     * @return the exception for a caller that stopped waiting before the end
     */
    RuntimeException timedOut(PollResponse<S> last, Duration timeout);

    /**
     * @return the clock a caller's timeout is measured on
     */
    SchedulingClock clock();
}
