package io.github.adfkit.testing.implementation;

import io.github.adfkit.testing.callback.ReceivedCallback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The callback attempts a receiver has seen, with a way to wait for accepted ones.
 */
public final class CallbackJournal {
    private final List<ReceivedCallback> attempts = new ArrayList<>();

    /**
     * Records an attempt and wakes up waiters.
     *
     * @param attempt the attempt
     */
    public synchronized void record(ReceivedCallback attempt) {
        attempts.add(attempt);
        notifyAll();
    }

    /**
     * Every attempt, oldest first.
     *
     * @return a copy
     */
    public synchronized List<ReceivedCallback> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * The accepted (2xx) attempts, oldest first.
     *
     * @return a copy
     */
    public synchronized List<ReceivedCallback> accepted() {
        return attempts.stream().filter(ReceivedCallback::accepted).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Forgets every attempt.
     */
    public synchronized void clear() {
        attempts.clear();
    }

    /**
     * Waits until at least {@code count} attempts were accepted.
     *
     * @param count how many accepted callbacks to wait for
     * @param timeout the longest wait
     * @return the accepted callbacks, oldest first (at least {@code count})
     * @throws AssertionError if fewer arrived in time, with what did arrive
     */
    public synchronized List<ReceivedCallback> awaitAccepted(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedCallback> accepted = accepted();
        while (accepted.size() < count) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                throw new AssertionError("Expected " + count + " accepted callback(s) within " + timeout
                    + " but received " + accepted.size() + " (all attempts, as id:status: " + summary() + ")");
            }
            try {
                wait(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + count + " callback(s)", e);
            }
            accepted = accepted();
        }
        return accepted;
    }

    private String summary() {
        return attempts.stream().map(a -> a.id() + ":" + a.status()).collect(Collectors.joining(", ", "[", "]"));
    }
}
