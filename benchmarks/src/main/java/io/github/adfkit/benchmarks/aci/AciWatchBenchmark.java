package io.github.adfkit.benchmarks.aci;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.ContainerJobWatcher;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Watching many container jobs for a simulated hour on the ACI fake: adfkit's {@link ContainerJobWatcher} beside a
 * naive per-job poller (a thread per job, one GET per job per second, as Airflow's operator does). Prints ARM
 * requests, threads, heap and the time from a container's termination to its detection, for adfkit's default
 * (the ARM read budget and its poll plan), for adfkit with the poll backoff it had before (5 s doubling to 60 s),
 * for the default with each spec's expected duration given (off by up to 10 %), and for the naive poller. adfkit's
 * rows run against a fake that throttles like ARM; {@code --crowd N} also watches N jobs at once and counts ARM's
 * {@code 429}s.
 *
 * <p>Time is a manual clock shared with the fake, so an hour of jobs runs in seconds. The naive poller sends 3,600
 * GETs per job per hour; to keep the run short it is measured over {@code --naive-minutes} of simulated time and
 * its request counts are scaled to an hour (the rate is fixed, so the scaling is exact).</p>
 *
 * <pre>
 * mvn -pl benchmarks -am -DskipTests package
 * java -cp ... io.github.adfkit.benchmarks.aci.AciWatchBenchmark --jobs 200 --naive-minutes 5
 * </pre>
 */
public final class AciWatchBenchmark {
    private static final String SUBSCRIPTION = "bench-sub";
    private static final String RESOURCE_GROUP = "rg-bench";
    private static final Duration STEP = Duration.ofSeconds(1);
    /** Creates per simulated second, within ARM's write refill (10 a second). */
    private static final int WRITES_PER_SECOND = 8;

    private final int jobs;
    private final Duration naiveWindow;

    AciWatchBenchmark(int jobs, Duration naiveWindow) {
        this.jobs = jobs;
        this.naiveWindow = naiveWindow;
    }

    /**
     * One way of configuring adfkit for a run.
     *
     * @param name the column's name
     * @param builder changes to the client builder
     * @param hinted whether each spec gets an expected duration (off by up to 10 %)
     */
    record Variant(String name, UnaryOperator<ContainerJobClientBuilder> builder, boolean hinted) {
        static final Variant DEFAULT = new Variant("adfkit default (read budget)", UnaryOperator.identity(), false);
        static final Variant OLD_BACKOFF = new Variant("adfkit, 5-60 s backoff (before)",
            builder -> builder.pollBackoff(ContainerJobClientBuilder.DEFAULT_POLL_BACKOFF), false);
        static final Variant HINTED = new Variant("adfkit default, duration hints", UnaryOperator.identity(), true);
    }

    /**
     * Runs both measurements and prints the table.
     *
     * @param args {@code --jobs N} (default 200) and {@code --naive-minutes M} (default 5)
     * @throws Exception if the fake or a measurement fails
     */
    public static void main(String[] args) throws Exception {
        int jobs = 200;
        int naiveMinutes = 5;
        int crowd = 500;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--naive-minutes" -> naiveMinutes = Integer.parseInt(args[i + 1]);
                case "--crowd" -> crowd = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                    + "; use --jobs N --naive-minutes M --crowd C (0 for none).");
            }
        }
        AciWatchBenchmark benchmark = new AciWatchBenchmark(jobs, Duration.ofMinutes(naiveMinutes));
        List<WatchMeasurement> columns = new ArrayList<>();
        for (Variant variant : List.of(Variant.DEFAULT, Variant.OLD_BACKOFF, Variant.HINTED)) {
            columns.add(benchmark.measureAdfkit(variant));
        }
        columns.add(benchmark.measureNaive());
        System.out.println(table(jobs, columns));
        if (crowd > 0) {
            System.out.println(table(crowd, List.of(new AciWatchBenchmark(crowd, Duration.ofMinutes(naiveMinutes))
                .measureAdfkit(Variant.DEFAULT))));
        }
    }

    /**
     * Jobs end evenly spread over the hour (job i runs 1 + 58·i/jobs minutes, after 10 s pending).
     */
    private Duration runtime(int index, Duration window) {
        long seconds = 60 + (window.toSeconds() - 120) * index / Math.max(1, jobs);
        return Duration.ofSeconds(seconds);
    }

    WatchMeasurement measureAdfkit(Variant variant) throws InterruptedException {
        WatchMeasurement measurement = new WatchMeasurement(variant.name());
        ManualClock clock = new ManualClock();
        try (AciFakeServer aci = new AciFakeServer(clock::now).start()) {
            aci.throttleLikeArm();
            ContainerJobClient client = variant.builder().apply(new ContainerJobClientBuilder()
                .endpoint(aci.baseUrl())
                .pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
                .subscriptionId(SUBSCRIPTION)
                .clock(clock))
                .buildClient();
            ContainerJobWatcher watcher = client.getWatcher();
            AtomicInteger finished = new AtomicInteger();
            DoubleAdder jobHours = new DoubleAdder();
            Instant start = clock.now();
            Map<String, Instant> started = new ConcurrentHashMap<>();
            watcher.addCompletionListener(result -> {
                measurement.detected(Duration.between(result.getStatus().getFinishTime().toInstant(), clock.now()));
                jobHours.add(hours(Duration.between(started.get(result.getStatus().getGroupName()), clock.now())));
                finished.incrementAndGet();
            });
            RequestTally tally = new RequestTally();
            Baseline baseline = Baseline.take();
            long wallStart = System.nanoTime();
            Random hintError = new Random(jobs);
            for (int i = 0; i < jobs; i++) {
                if (i > 0 && i % WRITES_PER_SECOND == 0) {
                    watcher.awaitIdle(Duration.ofSeconds(5));
                    clock.advance(STEP);
                }
                String name = "adfkit-" + i;
                Duration runtime = runtime(i, Duration.ofHours(1));
                started.put(name, clock.now());
                aci.scenarioFor(name, AciScenario.runsFor(runtime));
                ContainerJobSpec spec = new ContainerJobSpec(RESOURCE_GROUP, "westeurope", "bench/job:1")
                    .setGroupName(name);
                if (variant.hinted()) {
                    spec.setExpectedDuration(runtime.multipliedBy(90 + hintError.nextInt(21)).dividedBy(100));
                }
                client.beginRun(spec);
            }
            int peakThreads = baseline.threads();
            long peakHeap = 0;
            while (finished.get() < jobs) {
                watcher.awaitIdle(Duration.ofSeconds(5));
                clock.advance(STEP);
                peakThreads = Math.max(peakThreads, Thread.activeCount());
                drainEveryMinute(aci, tally, start, clock.now());
                if (clock.now().equals(start.plus(Duration.ofMinutes(30)))) {
                    peakHeap = baseline.heapNow();
                }
            }
            tally.drain(aci);
            measurement.finish(tally.all(), tally.statusPolls(), jobHours.sum(), Duration.between(start, clock.now()),
                peakThreads - baseline.threads(), peakHeap, Duration.ofNanos(System.nanoTime() - wallStart));
            measurement.throttled(aci.throttledCount());
            measurement.groupReads(tally.groupReads());
            watcher.close();
        }
        return measurement;
    }

    WatchMeasurement measureNaive() throws InterruptedException {
        WatchMeasurement measurement = new WatchMeasurement("naive per-job 1 s poller");
        ManualClock clock = new ManualClock();
        try (AciFakeServer aci = new AciFakeServer(clock::now).start()) {
            HttpPipeline pipeline = aci.httpPipeline(new StaticTestTokenCredential());
            List<NaivePerJobPoller> pollers = new ArrayList<>();
            RequestTally tally = new RequestTally();
            Baseline baseline = Baseline.take();
            long wallStart = System.nanoTime();
            Instant start = clock.now();
            for (int i = 0; i < jobs; i++) {
                String name = "naive-" + i;
                aci.scenarioFor(name, AciScenario.runsFor(runtime(i, naiveWindow)));
                String path = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                    + "/providers/Microsoft.ContainerInstance/containerGroups/" + name;
                String body = "{\"location\":\"westeurope\",\"properties\":{\"osType\":\"Linux\",\"containers\":[{"
                    + "\"name\":\"job\",\"properties\":{\"image\":\"bench/job:1\",\"resources\":{\"requests\":"
                    + "{\"cpu\":1.0,\"memoryInGB\":1.5}}}}]}}";
                pipeline.sendSync(new HttpRequest(HttpMethod.PUT, aci.baseUrl() + path + "?api-version=2023-05-01")
                    .setBody(body).setHeader(HttpHeaderName.CONTENT_TYPE, "application/json"), Context.NONE).close();
                NaivePerJobPoller poller = new NaivePerJobPoller(pipeline, aci.baseUrl() + path
                    + "?api-version=2023-05-01", clock::now, measurement);
                Thread thread = new Thread(poller, "naive-poller-" + i);
                thread.setDaemon(true);
                thread.start();
                pollers.add(poller);
            }
            int peakThreads = baseline.threads();
            long peakHeap = 0;
            Instant end = start.plus(naiveWindow);
            aci.resetRequests();
            double jobHours = 0;
            while (clock.now().isBefore(end) && pollers.stream().anyMatch(p -> !p.isDone())) {
                clock.advance(STEP);
                List<NaivePerJobPoller> active = pollers.stream().filter(p -> !p.isDone()).toList();
                jobHours += hours(STEP) * active.size();
                active.forEach(NaivePerJobPoller::tick);
                for (NaivePerJobPoller poller : active) {
                    poller.awaitPolled();
                }
                peakThreads = Math.max(peakThreads, Thread.activeCount());
                drainEveryMinute(aci, tally, start, clock.now());
                if (clock.now().equals(start.plus(naiveWindow.dividedBy(2)))) {
                    peakHeap = baseline.heapNow();
                }
            }
            tally.drain(aci);
            measurement.finish(tally.all(), tally.statusPolls(), jobHours, Duration.between(start, clock.now()),
                peakThreads - baseline.threads(), peakHeap, Duration.ofNanos(System.nanoTime() - wallStart));
            measurement.groupReads(tally.groupReads());
        }
        return measurement;
    }

    static String table(int jobs, List<WatchMeasurement> columns) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nWatching %d concurrent container jobs on the ACI fake%n%n", jobs));
        row(out, "metric", columns, WatchMeasurement::name);
        out.append("|").append("-".repeat(46)).append(("|" + "-".repeat(33)).repeat(columns.size())).append("|\n");
        row(out, "simulated time measured", columns, column -> column.simulated().toMinutes() + " min");
        row(out, "status polls per job per hour watched", columns, column -> round(column.statusPollsPerJobHour()));
        row(out, "all group GETs per job-hour (+ lookup, check)", columns,
            column -> round(column.groupReadsPerJobHour()));
        row(out, "ARM requests per job per hour watched", columns, column -> round(column.requestsPerJobHour()));
        double jobHours = columns.get(0).jobHoursWatched();
        row(out, "ARM requests, " + jobs + " jobs over the hour", columns, column -> column.jobHoursWatched()
            == jobHours ? column.armRequests() : Math.round(column.requestsPerJobHour() * jobHours) + " (rate x)");
        row(out, "ARM 429s (fake throttling like ARM)", columns, column -> column.throttledAnswers() < 0 ? "n/a"
            : column.throttledAnswers());
        row(out, "threads added while watching", columns, WatchMeasurement::threadsAdded);
        row(out, "heap added while watching (MB)", columns,
            column -> String.format(Locale.ROOT, "%.1f", column.heapAddedMegabytes()));
        row(out, "jobs whose end was detected", columns, WatchMeasurement::detectedJobs);
        for (int percentile : new int[] {50, 95, 99, 100}) {
            row(out, "termination -> detection, " + (percentile == 100 ? "max" : "p" + percentile) + " (s)", columns,
                column -> column.latencyPercentile(percentile).toSeconds());
        }
        row(out, "wall time of the run (s)", columns,
            column -> String.format(Locale.ROOT, "%.1f", column.wallTime().toMillis() / 1000.0));
        return out.toString();
    }

    private static long round(double value) {
        return Math.round(value);
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 3_600_000.0;
    }

    private static void drainEveryMinute(AciFakeServer aci, RequestTally tally, Instant start, Instant now) {
        if (Duration.between(start, now).toSeconds() % 60 == 0) {
            tally.drain(aci);
        }
    }

    private static void row(StringBuilder out, String metric, List<WatchMeasurement> columns,
        Function<WatchMeasurement, Object> value) {
        out.append(String.format(Locale.ROOT, "| %-44s |", metric));
        columns.forEach(column -> out.append(String.format(Locale.ROOT, " %31s |", value.apply(column))));
        out.append(System.lineSeparator());
    }

    /**
     * Threads and heap before a measurement.
     */
    private record Baseline(int threads, long heap) {
        static Baseline take() {
            System.gc();
            return new Baseline(Thread.activeCount(), usedHeap());
        }

        long heapNow() {
            System.gc();
            return Math.max(0, usedHeap() - heap);
        }

        private static long usedHeap() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
