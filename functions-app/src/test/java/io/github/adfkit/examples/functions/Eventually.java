package io.github.adfkit.examples.functions;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits for work that runs on another thread: asks again until the answer is the one expected or the deadline passes.
 */
final class Eventually {
    private static final long PAUSE_NANOS = Duration.ofMillis(10).toNanos();

    private Eventually() {
    }

    static <T> T await(Supplier<T> ask, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = ask.get();
        while (!done.test(answer)) {
            if (System.nanoTime() > deadline) {
                fail("Still not done after " + timeout + "; last answer: " + answer);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            answer = ask.get();
        }
        return answer;
    }
}
