package io.github.adfkit.durable;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.PollGate;
import io.github.adfkit.durable.implementation.OperationRequests;
import io.github.adfkit.durable.implementation.WatchedOperation;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches many running operations at once, from their status URLs, without a thread per operation: every poll is a
 * task on the builder's {@link SchedulingClock} (by default adfkit's shared two-thread scheduler) and is sent with
 * the non-blocking HTTP client; between polls an operation is a small object (its URL, a few counters, its deadline,
 * its listener). At most {@link AsyncOperationClientBuilder#maxConcurrentPolls(int)} polls are in flight at once; polls
 * that come due meanwhile wait in a queue, not on a thread. The polling rules are those of {@link AsyncOperationClient}: {@code Retry-After} honoured, backoff
 * with jitter otherwise, transient errors retried, the builder's timeout.
 *
 * <p>Each client has one: {@link AsyncOperationClient#getWatcher()}, {@link AsyncOperationAsyncClient#getWatcher()};
 * thread-safe. Closing it stops every
 * watch; it never cancels the remote operations.</p>
 *
 * <pre>{@code
 * OperationWatcher watcher = new AsyncOperationClientBuilder().buildClient().getWatcher();
 * for (String statusUrl : statusUrls) {
 *     watcher.watch(statusUrl, new OperationListener() {
 *         public void onFinished(OperationStatus status) { results.put(status.getStatusUrl(), status); }
 *         public void onError(AsyncOperationException error) { failures.add(error); }
 *     });
 * }
 * }</pre>
 */
public final class OperationWatcher implements AutoCloseable {
    private final OperationRequests requests;
    private final PollGate gate;
    private final Set<WatchedOperation> active = ConcurrentHashMap.newKeySet();

    OperationWatcher(OperationRequests requests, int maxConcurrentPolls) {
        this.requests = requests;
        this.gate = new PollGate(maxConcurrentPolls);
    }

    /**
     * Starts watching an operation; the first poll is sent as soon as possible. The listener hears exactly one
     * outcome, unless the watch is cancelled first.
     *
     * @param statusUrl the absolute status URL
     * @param listener hears the outcome, on a shared thread: return quickly
     * @return cancels the watch (not the remote operation)
     * @throws IllegalArgumentException if {@code statusUrl} is not an absolute http or https URL
     */
    public SchedulingClock.Cancellable watch(String statusUrl, OperationListener listener) {
        Objects.requireNonNull(listener, "'listener' cannot be null.");
        WatchedOperation watched = new WatchedOperation(requests, gate, requests.existingOperation(statusUrl),
            listener, active::remove);
        active.add(watched);
        watched.start();
        return watched;
    }

    /**
     * @return how many operations are being watched now
     */
    public int getActiveCount() {
        return active.size();
    }

    /**
     * Stops every watch; their listeners are not called. The remote operations are not cancelled.
     */
    @Override
    public void close() {
        active.forEach(WatchedOperation::cancel);
    }
}
