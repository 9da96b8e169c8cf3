package io.github.adfkit.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Tells what the tour does as it happens, each step stamped with the time since the tour began, and shows progress
 * while it waits. It remembers the current step, so a failure can say where it happened.
 */
final class Narrator {
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private String currentStep = "start";

    /**
     * @param out where the narration goes
     */
    Narrator(PrintStream out) {
        this.out = out;
    }

    /**
     * Opens a flow.
     *
     * @param title what the flow shows
     */
    void flow(String title) {
        out.println();
        out.println("== " + title);
    }

    /**
     * Starts a step.
     *
     * @param text what happens now
     */
    void step(String text) {
        currentStep = text;
        event(text);
    }

    /**
     * Prints something that happened, with its time, without starting a step; safe from any thread.
     *
     * @param text what happened
     */
    void event(String text) {
        out.printf("[%6.2f s] %s%n", elapsedSeconds(), text);
    }

    /**
     * Adds a detail to the current step.
     *
     * @param text the detail
     */
    void detail(String text) {
        out.println("             " + text);
    }

    /**
     * @return the step that began last
     */
    String currentStep() {
        return currentStep;
    }

    /**
     * Waits for a result, printing each new value of a progress probe with its time.
     *
     * @param what what the probe shows, such as "container"
     * @param probe reads the progress now
     * @param result the result once there is one
     * @param deadline the longest wait
     * @param <T> the result type
     * @return the result
     * @throws DemoStepFailure if the deadline passes first
     */
    <T> T awaitWithProgress(String what, Supplier<String> probe, Supplier<Optional<T>> result, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String shown = null;
        while (true) {
            String now = probe.get();
            if (!Objects.equals(now, shown)) {
                event("  " + what + ": " + now);
                shown = now;
            }
            Optional<T> done = result.get();
            if (done.isPresent()) {
                return done.get();
            }
            if (System.nanoTime() > end) {
                throw new DemoStepFailure("nothing after " + deadline.toSeconds() + " s; " + what + " was " + now);
            }
            LockSupport.parkNanos(PROGRESS_INTERVAL.toNanos());
        }
    }

    /**
     * Prints a line as it is.
     *
     * @param line the line
     */
    void say(String line) {
        out.println(line);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
