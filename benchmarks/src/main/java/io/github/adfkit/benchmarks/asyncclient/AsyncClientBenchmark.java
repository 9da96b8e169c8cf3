package io.github.adfkit.benchmarks.asyncclient;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.DefaultPollingStrategy;
import com.azure.core.util.polling.PollerFlux;
import com.azure.core.util.polling.SyncDefaultPollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.serializer.TypeReference;
import io.github.adfkit.durable.AsyncOperationClientBuilder;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.OperationListener;
import io.github.adfkit.durable.OperationWatcher;
import io.github.adfkit.durable.models.OperationStatus;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watches N concurrent operations against a loopback stub that finishes each after a random delay and sends
 * {@code Retry-After}: with adfkit's {@link OperationWatcher}, with azure-core's {@link PollerFlux} (one subscription
 * per operation on the shared Netty event loop, the way an async azure-core user follows many operations), and with
 * azure-core's {@link SyncPoller} (one {@code waitForCompletion} per operation on a thread pool); then prints a table.
 * A failed operation is counted and ends that operation; no row waits out a timeout because of it.
 *
 * <p>Arguments (all optional): operations (10000), baseline threads (= operations), Retry-After seconds (2),
 * minimum and maximum delay in seconds (2, 15), random seed (42).</p>
 */
public final class AsyncClientBenchmark {
    private static final TypeReference<BinaryData> BINARY = TypeReference.createInstance(BinaryData.class);
    private static final int WARM_UP_OPERATIONS = 1_000;

    private AsyncClientBenchmark() {
    }

    /**
     * Runs both phases and prints the table.
     *
     * @param args operations, baseline threads, Retry-After seconds, min and max delay seconds, seed
     * @throws Exception if the stub cannot start or a phase is interrupted
     */
    public static void main(String[] args) throws Exception {
        int operations = intArg(args, 0, 10_000);
        int baselineThreads = intArg(args, 1, operations);
        int retryAfterSeconds = intArg(args, 2, 2);
        long minDelayMillis = intArg(args, 3, 2) * 1000L;
        long maxDelayMillis = intArg(args, 4, 15) * 1000L;
        long seed = intArg(args, 5, 42);
        try (StubStatusServer stub = new StubStatusServer(retryAfterSeconds)) {
            warmUp(stub, Math.min(operations, WARM_UP_OPERATIONS), baselineThreads);
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            stub.reset(operations, new Random(seed), minDelayMillis, maxDelayMillis);
            PhaseResult adfkit = run("adfkit OperationWatcher (default JDK client)", stub, operations, AsyncClientBenchmark::watchAll);
            stub.reset(operations, new Random(seed), minDelayMillis, maxDelayMillis);
            PhaseResult adfkitNetty = run("adfkit OperationWatcher on azure-core's Netty client", stub, operations,
                AsyncClientBenchmark::watchAllOnNetty);
            stub.reset(operations, new Random(seed), minDelayMillis, maxDelayMillis);
            PhaseResult flux = run("azure-core PollerFlux, " + operations + " subscriptions", stub, operations,
                AsyncClientBenchmark::pollerFluxes);
            stub.reset(operations, new Random(seed), minDelayMillis, maxDelayMillis);
            PhaseResult azure = run("azure-core SyncPoller, " + baselineThreads + " threads", stub, operations,
                (s, n, done) -> pollerPerThread(s, n, done, baselineThreads));
            System.out.printf(Locale.ROOT, "%n%d operations, delays %d-%d s, Retry-After %d s, %d CPUs, Java %s, "
                + "load average %.1f before and %.1f after%n%n", operations, minDelayMillis / 1000,
                maxDelayMillis / 1000, retryAfterSeconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            printTable(adfkit, adfkitNetty, flux, azure);
        }
    }

    /** Runs both clients once on short operations, so that neither pays for class loading and JIT in the table. */
    private static void warmUp(StubStatusServer stub, int operations, int baselineThreads) throws Exception {
        stub.reset(operations, new Random(1), 200, 1000);
        run("warm-up", stub, operations, AsyncClientBenchmark::watchAll);
        stub.reset(operations, new Random(1), 200, 1000);
        run("warm-up", stub, operations, AsyncClientBenchmark::watchAllOnNetty);
        stub.reset(operations, new Random(1), 200, 1000);
        run("warm-up", stub, operations, AsyncClientBenchmark::pollerFluxes);
        stub.reset(operations, new Random(1), 200, 1000);
        run("warm-up", stub, operations, (s, n, done) -> pollerPerThread(s, n, done, Math.min(n, baselineThreads)));
    }

    /** Starts watching every operation and returns at once; {@code outcome} hears once from each operation. */
    @FunctionalInterface
    private interface Phase {
        void start(StubStatusServer stub, int operations, Outcome outcome) throws Exception;
    }

    /** Hears how each operation ended. */
    private interface Outcome {
        void finished(int operation);

        void failed(int operation, Object failure);
    }

    private static PhaseResult run(String name, StubStatusServer stub, int operations, Phase phase)
        throws Exception {
        AtomicLongArray seenAt = new AtomicLongArray(operations);
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch remaining = new CountDownLatch(operations);
        try (ResourceSampler sampler = new ResourceSampler()) {
            long start = System.nanoTime();
            phase.start(stub, operations, new Outcome() {
                @Override
                public void finished(int operation) {
                    seenAt.set(operation, System.nanoTime());
                    remaining.countDown();
                }

                @Override
                public void failed(int operation, Object failure) {
                    if (failed.getAndIncrement() < 3) {
                        System.out.println(name + ": operation " + operation + " failed: " + failure);
                    }
                    remaining.countDown();
                }
            });
            boolean allDone = remaining.await(10, TimeUnit.MINUTES);
            long wall = System.nanoTime() - start;
            long[] lags = new long[operations - failed.get()];
            int completed = 0;
            for (int i = 0; i < operations; i++) {
                if (seenAt.get(i) != 0 && completed < lags.length) {
                    lags[completed++] = Math.max(0, seenAt.get(i) - stub.dueAt(i));
                }
            }
            if (!allDone) {
                System.out.println(name + ": not every operation finished within 10 minutes.");
            }
            return new PhaseResult(name, operations, completed, failed.get(), sampler.peakThreadsAboveStart(),
                sampler.peakHeapMb(), stub.requests(), stub.minimumRequests(), TimeUnit.NANOSECONDS.toMillis(wall),
                lags);
        }
    }

    private static void watchAll(StubStatusServer stub, int operations, Outcome outcome) {
        watchAll(stub, operations, outcome, new AsyncOperationClientBuilder());
    }

    private static void watchAllOnNetty(StubStatusServer stub, int operations, Outcome outcome) {
        watchAll(stub, operations, outcome, new AsyncOperationClientBuilder().httpClient(new NettyAsyncHttpClientBuilder().build()));
    }

    private static void watchAll(StubStatusServer stub, int operations, Outcome outcome,
        AsyncOperationClientBuilder builder) {
        OperationWatcher watcher = builder.buildAsyncClient().getWatcher();
        for (int i = 0; i < operations; i++) {
            int operation = i;
            watcher.watch(stub.url(i), new OperationListener() {
                @Override
                public void onFinished(OperationStatus status) {
                    outcome.finished(operation);
                }

                @Override
                public void onError(AsyncOperationException error) {
                    outcome.failed(operation, error.getMessage());
                }
            });
        }
    }

    /** One {@link PollerFlux} subscription per operation, all on azure-core's default (Netty) client. */
    private static void pollerFluxes(StubStatusServer stub, int operations, Outcome outcome) {
        HttpPipeline pipeline = azurePipeline();
        for (int i = 0; i < operations; i++) {
            int operation = i;
            PollerFlux.create(Duration.ofSeconds(1), () -> startAsync(pipeline, stub.url(operation)),
                    new DefaultPollingStrategy<BinaryData, BinaryData>(pipeline), BINARY, BINARY)
                .takeUntil(response -> response.getStatus().isComplete())
                .last()
                .subscribe(response -> outcome.finished(operation), failure -> outcome.failed(operation, failure));
        }
    }

    private static void pollerPerThread(StubStatusServer stub, int operations, Outcome outcome, int threads) {
        HttpPipeline pipeline = azurePipeline();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < operations; i++) {
            int operation = i;
            pool.execute(() -> {
                try {
                    SyncPoller<BinaryData, BinaryData> poller = SyncPoller.createPoller(Duration.ofSeconds(1),
                        () -> start(pipeline, stub.url(operation)), new SyncDefaultPollingStrategy<>(pipeline),
                        BINARY, BINARY);
                    poller.waitForCompletion();
                    outcome.finished(operation);
                } catch (RuntimeException failure) {
                    outcome.failed(operation, failure);
                }
            });
        }
        pool.shutdown();
    }

    private static HttpPipeline azurePipeline() {
        return new HttpPipelineBuilder().httpClient(new NettyAsyncHttpClientBuilder().build()).policies(new RetryPolicy()).build();
    }

    private static Mono<Response<BinaryData>> startAsync(HttpPipeline pipeline, String url) {
        return pipeline.send(new HttpRequest(HttpMethod.GET, url)).flatMap(response -> response.getBodyAsByteArray()
            .defaultIfEmpty(new byte[0]).map(body -> (Response<BinaryData>) new SimpleResponse<>(response.getRequest(),
                response.getStatusCode(), response.getHeaders(), BinaryData.fromBytes(body)))
            .doFinally(ignored -> response.close()));
    }

    private static Response<BinaryData> start(HttpPipeline pipeline, String url) {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            return new SimpleResponse<>(response.getRequest(), response.getStatusCode(), response.getHeaders(),
                response.getBodyAsBinaryData());
        }
    }

    private static void printTable(PhaseResult... results) {
        System.out.println("| client | done | failed | peak threads | peak live heap (MiB) | requests "
            + "| hints' minimum | vs minimum | wall time (s) | lag past the hint p50 (ms) | p99 (ms) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (PhaseResult r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d/%d | %d | %d | %d | %d | %d | %+.1f%% | %.1f | %d | %d |%n",
                r.name(), r.completed(), r.operations(), r.failed(), r.peakThreads(), r.peakHeapMb(), r.requests(),
                r.minimumRequests(), 100.0 * (r.requests() - r.minimumRequests()) / r.minimumRequests(),
                r.wallMillis() / 1000.0, r.lagPercentileMillis(50), r.lagPercentileMillis(99));
        }
    }

    private static int intArg(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }
}
