package io.github.adfkit.durable.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits for a condition with a deadline, checking it every few milliseconds.
 */
final class Await {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Await() {
    }

    static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + DEADLINE + " waiting for " + what + "; last value: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            last = probe.get();
        }
        return last;
    }
}
