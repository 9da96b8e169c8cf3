package io.github.adfkit.benchmarks.aci;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one way of watching jobs cost and how quickly it noticed them end.
 */
final class WatchMeasurement {
    private final String name;
    private final List<Duration> detectionLatencies = Collections.synchronizedList(new ArrayList<>());
    private long armRequests;
    private long statusPolls;
    private double jobHoursWatched;
    private Duration simulated = Duration.ZERO;
    private int threadsAdded;
    private long heapAddedBytes;
    private Duration wallTime = Duration.ZERO;
    private int throttled = -1;
    private long groupReads;

    WatchMeasurement(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void detected(Duration latency) {
        detectionLatencies.add(latency);
    }

    void finish(long requests, long polls, double jobHours, Duration simulatedTime, int threads, long heapBytes,
        Duration wall) {
        this.armRequests = requests;
        this.jobHoursWatched = jobHours;
        this.statusPolls = polls;
        this.simulated = simulatedTime;
        this.threadsAdded = threads;
        this.heapAddedBytes = heapBytes;
        this.wallTime = wall;
    }

    void throttled(int count) {
        this.throttled = count;
    }

    void groupReads(long count) {
        this.groupReads = count;
    }

    /**
     * @return GETs of a container group per job per hour of watching it, the launch's lookup and the check after
     *     the delete included
     */
    double groupReadsPerJobHour() {
        return jobHoursWatched == 0 ? 0 : groupReads / jobHoursWatched;
    }

    /**
     * @return the 429s the throttling fake answered, or -1 when the fake did not throttle
     */
    int throttledAnswers() {
        return throttled;
    }

    /**
     * @return status GETs per job per hour of watching it
     */
    double statusPollsPerJobHour() {
        return jobHoursWatched == 0 ? 0 : statusPolls / jobHoursWatched;
    }

    /**
     * @return ARM requests per job per hour of watching it (status GETs, logs, PUT, DELETE)
     */
    double requestsPerJobHour() {
        return jobHoursWatched == 0 ? 0 : armRequests / jobHoursWatched;
    }

    long armRequests() {
        return armRequests;
    }

    double jobHoursWatched() {
        return jobHoursWatched;
    }

    Duration simulated() {
        return simulated;
    }

    int threadsAdded() {
        return threadsAdded;
    }

    double heapAddedMegabytes() {
        return heapAddedBytes / (1024.0 * 1024.0);
    }

    Duration wallTime() {
        return wallTime;
    }

    int detectedJobs() {
        return detectionLatencies.size();
    }

    Duration latencyPercentile(double percentile) {
        List<Duration> sorted;
        synchronized (detectionLatencies) {
            sorted = new ArrayList<>(detectionLatencies);
        }
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
