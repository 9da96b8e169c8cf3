package io.github.adfkit.benchmarks.pauserestart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Runs one operation N times on T threads and keeps each call's latency and the wall time.
 *
 * @param scenario what was measured
 * @param threads how many threads called at once
 * @param latencyNanos each call's latency, sorted
 * @param wallNanos from the first call to the last answer
 */
record LatencyRun(String scenario, int threads, long[] latencyNanos, long wallNanos) {
    /**
     * Calls {@code operation} with the indexes {@code 0..operations-1}, spread over the threads.
     *
     * @param scenario what is measured
     * @param operations how many calls
     * @param threads how many threads call at once
     * @param operation the call; it throws if the call did not do what it should
     * @return the measurements
     * @throws Exception if a call failed
     */
    static LatencyRun measure(String scenario, int operations, int threads, IntConsumer operation) throws Exception {
        long[] latencies = new long[operations];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int worker = 0; worker < threads; worker++) {
                int first = worker;
                workers.add(pool.submit(() -> {
                    for (int i = first; i < operations; i += threads) {
                        long began = System.nanoTime();
                        operation.accept(i);
                        latencies[i] = System.nanoTime() - began;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
            long wall = System.nanoTime() - start;
            Arrays.sort(latencies);
            return new LatencyRun(scenario, threads, latencies, wall);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @return the table header
     */
    static String header() {
        return String.format(Locale.ROOT, "| %-52s | %7s | %5s | %8s | %8s | %8s |%n|%s|%s|%s|%s|%s|%s|",
            "scenario", "threads", "ops", "p50 ms", "p99 ms", "ops/s", "-".repeat(54), "-".repeat(9), "-".repeat(7),
            "-".repeat(10), "-".repeat(10), "-".repeat(10));
    }

    /**
     * @return this run as a table row
     */
    String row() {
        return String.format(Locale.ROOT, "| %-52s | %7d | %5d | %8.2f | %8.2f | %8.0f |", scenario, threads,
            latencyNanos.length, millis(percentile(0.50)), millis(percentile(0.99)),
            latencyNanos.length / (wallNanos / 1e9));
    }

    /**
     * @return the median latency in milliseconds
     */
    double p50() {
        return millis(percentile(0.50));
    }

    private long percentile(double fraction) {
        int index = (int) Math.ceil(fraction * latencyNanos.length) - 1;
        return latencyNanos[Math.max(0, Math.min(index, latencyNanos.length - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
