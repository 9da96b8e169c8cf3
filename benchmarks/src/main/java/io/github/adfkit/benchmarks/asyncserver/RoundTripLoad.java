package io.github.adfkit.benchmarks.asyncserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Closed-loop load: a fixed number of callers each repeat one round trip (submit, then read the status) as fast as
 * the server answers, for a warm-up and then a measured period.
 */
final class RoundTripLoad {
    private final int callers;
    private final Duration warmUp;
    private final Duration measured;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RoundTripLoad(int callers, Duration warmUp, Duration measured) {
        this.callers = callers;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /**
     * Runs the load.
     *
     * @param submitUri where to POST
     * @param statusUriOf the status URI from the submit response body
     * @return the measured round trips
     * @throws Exception if a request fails
     */
    Result run(URI submitUri, Function<String, URI> statusUriOf) throws Exception {
        return run(submitUri, statusUriOf, () -> { });
    }

    /**
     * Runs the load.
     *
     * @param submitUri where to POST
     * @param statusUriOf the status URI from the submit response body
     * @param atMeasuredStart runs between the warm-up and the measured period
     * @return the measured round trips
     * @throws Exception if a request fails
     */
    Result run(URI submitUri, Function<String, URI> statusUriOf, Runnable atMeasuredStart) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            drive(threads, submitUri, statusUriOf, warmUp);
            atMeasuredStart.run();
            long start = System.nanoTime();
            List<Long> latencies = drive(threads, submitUri, statusUriOf, measured);
            return new Result(latencies, System.nanoTime() - start);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Long> drive(ExecutorService threads, URI submitUri, Function<String, URI> statusUriOf,
        Duration period) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            workers.add(threads.submit(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    String accepted = send(HttpRequest.newBuilder(submitUri)
                        .POST(HttpRequest.BodyPublishers.noBody()));
                    send(HttpRequest.newBuilder(statusUriOf.apply(accepted)).GET());
                    mine.add(System.nanoTime() - t0);
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        return all;
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("Unexpected HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The measured round trips.
     *
     * @param latenciesNanos each round trip's duration
     * @param elapsedNanos how long the measured period lasted
     */
    record Result(List<Long> latenciesNanos, long elapsedNanos) {
        double perSecond() {
            return latenciesNanos.size() * 1e9 / elapsedNanos;
        }

        double percentileMillis(double percentile) {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(percentile / 100 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }
}
