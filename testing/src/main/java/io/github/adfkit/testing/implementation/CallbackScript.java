package io.github.adfkit.testing.implementation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The failures a test has told the callback receiver to answer with: a queue of one-off failures
 * ({@code failNext}) and an optional status for every callback ({@code respondWith}).
 */
public final class CallbackScript {
    /**
     * A scripted answer.
     *
     * @param status the HTTP status
     * @param retryAfter the {@code Retry-After} to send, or null for none
     */
    public record ScriptedAnswer(int status, Duration retryAfter) {
    }

    private final Deque<ScriptedAnswer> nextFailures = new ArrayDeque<>();
    private ScriptedAnswer permanent;

    /**
     * Queues {@code times} failures after any already queued.
     *
     * @param times how many callbacks to fail
     * @param status the status to fail them with
     * @param retryAfter the {@code Retry-After} to send, or null
     */
    public synchronized void failNext(int times, int status, Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            nextFailures.addLast(new ScriptedAnswer(status, retryAfter));
        }
    }

    /**
     * Answers every callback with this status from now on.
     *
     * @param status the status
     */
    public synchronized void respondWith(int status) {
        permanent = new ScriptedAnswer(status, null);
    }

    /**
     * Forgets queued failures and the permanent status.
     */
    public synchronized void clear() {
        nextFailures.clear();
        permanent = null;
    }

    /**
     * The scripted answer for the next callback, if any, consuming a queued failure.
     *
     * @return the answer, or empty to answer normally
     */
    public synchronized Optional<ScriptedAnswer> next() {
        if (permanent != null) {
            return Optional.of(permanent);
        }
        return Optional.ofNullable(nextFailures.pollFirst());
    }
}
