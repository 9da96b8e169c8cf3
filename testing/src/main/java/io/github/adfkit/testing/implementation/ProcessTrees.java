package io.github.adfkit.testing.implementation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops a child process together with everything it started (a {@code .cmd} wrapper on Windows starts node as a
 * child, for example).
 */
public final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * Registers a JVM shutdown hook that stops the process tree. Everything the hook runs is loaded now, so it still
     * works if the class files are gone by the time the JVM exits (a parallel build cleaning {@code target/}).
     *
     * @param process the process to stop when the JVM exits
     * @param grace how long to wait for a graceful stop
     * @param threadName the name of the shutdown hook thread
     */
    public static void destroyOnExit(Process process, Duration grace, String threadName) {
        Runnable stop = () -> destroy(process, grace);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, threadName));
    }

    /**
     * Asks the process and its descendants to stop, and kills them if they have not stopped within the grace period.
     *
     * @param process the process to stop
     * @param grace how long to wait for a graceful stop
     */
    public static void destroy(Process process, Duration grace) {
        // Collect first: once the parent is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
