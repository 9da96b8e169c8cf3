package io.github.adfkit.benchmarks.asyncclient;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What one client did with the same set of operations.
 *
 * @param name the client and how it was used
 * @param operations how many operations it watched
 * @param completed how many it saw finish
 * @param failed how many ended with an error instead
 * @param peakThreads the most live JVM threads above the count when the phase started
 * @param peakHeapMb the most heap in use during the phase, in MiB
 * @param requests how many requests reached the stub
 * @param minimumRequests the fewest requests the Retry-After hints allow
 * @param wallMillis from the first request to the last operation seen finished
 * @param lagNanos per finished operation, from when a client following the hints exactly would have seen it done
 *     to when this client did
 */
record PhaseResult(String name, int operations, int completed, int failed, int peakThreads, long peakHeapMb, int requests,
    long minimumRequests, long wallMillis, long[] lagNanos) {

    long lagPercentileMillis(double percentile) {
        if (lagNanos.length == 0) {
            return 0;
        }
        long[] sorted = lagNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return TimeUnit.NANOSECONDS.toMillis(sorted[Math.max(0, Math.min(index, sorted.length - 1))]);
    }
}
