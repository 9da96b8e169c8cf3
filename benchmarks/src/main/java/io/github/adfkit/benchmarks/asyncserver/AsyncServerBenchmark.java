package io.github.adfkit.benchmarks.asyncserver;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.testing.azurite.AzuriteTableService;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submit + status round trips per second on loopback, in one run: a bare JDK HTTP server answering a constant JSON
 * body to both requests (the ceiling), the {@link AsyncOperationServer} with the in-memory store, and with the
 * Table store on Azurite. The operation returns at once, so the numbers measure the server's own cost. The Table
 * store's requests are counted, and its rate is compared with a floor measured in the same run: the same callers
 * sending that many Azurite point operations (an upsert, then a read, in turn) per round trip.
 *
 * <p>Arguments (optional): callers, warm-up seconds, measured seconds (defaults 8, 3, 10).</p>
 */
public final class AsyncServerBenchmark {
    private static final byte[] CONSTANT = ("{\"id\":\"433ebcfe85ec4012abe94dcda2aa6b00\",\"status\":\"Completed\","
        + "\"result\":119,\"error\":null}").getBytes(StandardCharsets.UTF_8);
    private static final Pattern STATUS_URI = Pattern.compile("\"statusUri\":\"([^\"]+)\"");
    private static final int SERVER_THREADS = 8;
    /** Enough threads, with an unbounded queue, that operations are never refused with 503 during the run. */
    private static final int WORK_THREADS = 8;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private AsyncServerBenchmark() {
    }

    /**
     * Runs the comparison and prints a Markdown table.
     *
     * @param args optional: callers, warm-up seconds, measured seconds
     * @throws Exception if a phase fails
     */
    public static void main(String[] args) throws Exception {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
        Duration measured = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        RoundTripLoad load = new RoundTripLoad(callers, warmUp, measured);

        Map<String, RoundTripLoad.Result> results = new LinkedHashMap<>();
        results.put("bare JDK HttpServer, constant JSON (ceiling)", measure(load, AsyncServerBenchmark::constant));
        results.put("AsyncOperationServer, in-memory store", measureServer(load, null));
        TableClient created = AzuriteTableService.shared().newTable("benchmark");
        TableRequestCounter counter = new TableRequestCounter();
        TableClient table = new TableClientBuilder().connectionString(AzuriteTableService.shared()
            .connectionString()).tableName(created.getTableName()).addPolicy(counter).buildClient();
        RoundTripLoad.Result tableResult = measureServer(load, table, counter::reset);
        double perRoundTrip = (double) counter.requests() / tableResult.latenciesNanos().size();
        results.put("AsyncOperationServer, Table store on Azurite", tableResult);
        double floorOpsPerSecond = pointOperationsPerSecond(created, callers, warmUp, measured);

        System.out.printf("%n%d callers, %d s warm-up, %d s measured, %d cores, Java %s%n%n", callers,
            warmUp.toSeconds(), measured.toSeconds(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));
        System.out.println("| server | round trips/s | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|");
        results.forEach((name, result) -> System.out.printf("| %s | %.0f | %.2f | %.2f |%n", name,
            result.perSecond(), result.percentileMillis(50), result.percentileMillis(99)));
        double floor = floorOpsPerSecond / perRoundTrip;
        System.out.printf("%nTable requests per round trip (submit + status, the supervisor's sweeps included): "
            + "%.2f%n", perRoundTrip);
        System.out.printf("Floor: %.0f Azurite point operations/s with %d callers, so %.0f round trips/s at %.2f "
            + "requests each; the Table store reaches %.0f%% of it.%n", floorOpsPerSecond, callers, floor,
            perRoundTrip, 100 * tableResult.perSecond() / floor);
    }

    /**
     * The same callers in a closed loop of Azurite point operations, each on a row of its own: an upsert, then a
     * read, in turn.
     */
    private static double pointOperationsPerSecond(TableClient table, int callers, Duration warmUp,
        Duration measured) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            pointOperations(threads, table, callers, warmUp);
            long start = System.nanoTime();
            long operations = pointOperations(threads, table, callers, measured);
            return operations * 1e9 / (System.nanoTime() - start);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long pointOperations(ExecutorService threads, TableClient table, int callers, Duration period)
        throws Exception {
        long end = System.nanoTime() + period.toNanos();
        List<Future<Long>> workers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String rowKey = "caller" + i;
            workers.add(threads.submit(() -> {
                long done = 0;
                while (System.nanoTime() < end) {
                    if (done % 2 == 0) {
                        table.upsertEntity(new TableEntity("floor", rowKey).addProperty("N", done));
                    } else {
                        table.getEntity("floor", rowKey);
                    }
                    done++;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> worker : workers) {
            total += worker.get();
        }
        return total;
    }

    private static RoundTripLoad.Result measureServer(RoundTripLoad load, TableClient store) throws Exception {
        return measureServer(load, store, () -> { });
    }

    private static RoundTripLoad.Result measureServer(RoundTripLoad load, TableClient store,
        Runnable atMeasuredStart) throws Exception {
        ExecutorService work = Executors.newFixedThreadPool(WORK_THREADS);
        try (AsyncOperationServer server = new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("noop", request -> "input", input -> 119))
            .tableClient(store)
            .executor(work)
            .buildServer()) {
            return measure(load, JdkHttpServerAdapter.adapt(server, MAX_BODY_BYTES), atMeasuredStart);
        } finally {
            work.shutdownNow();
        }
    }

    private static void constant(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, CONSTANT.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(CONSTANT);
        }
    }

    private static RoundTripLoad.Result measure(RoundTripLoad load, HttpHandler handler) throws Exception {
        return measure(load, handler, () -> { });
    }

    private static RoundTripLoad.Result measure(RoundTripLoad load, HttpHandler handler, Runnable atMeasuredStart)
        throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SERVER_THREADS);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.setExecutor(threads);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            URI fixedStatus = URI.create(base + "/api/status/433ebcfe85ec4012abe94dcda2aa6b00");
            return load.run(URI.create(base + "/api/submit/noop"), accepted -> {
                Matcher matcher = STATUS_URI.matcher(accepted);
                return matcher.find() ? URI.create(matcher.group(1)) : fixedStatus;
            }, atMeasuredStart);
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
