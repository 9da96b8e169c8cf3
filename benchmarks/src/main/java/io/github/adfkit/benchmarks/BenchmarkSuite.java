package io.github.adfkit.benchmarks;

import io.github.adfkit.benchmarks.aci.AciWatchBenchmark;
import io.github.adfkit.benchmarks.asyncclient.AsyncClientBenchmark;
import io.github.adfkit.benchmarks.asyncserver.AsyncServerBenchmark;
import io.github.adfkit.benchmarks.coldstart.ColdStartBenchmark;
import io.github.adfkit.benchmarks.pauserestart.PauseRestartBenchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks one after another in this JVM, with the arguments their guides' tables were measured
 * with, and prints each one's table under a heading: {@code mvn -B -q -Pdemo,benchmarks -pl benchmarks -am verify}.
 *
 * <p>{@link AsyncServerBenchmark} runs first, on a JVM whose connections are all its own. A benchmark that throws
 * stops the suite with that exception, so the build fails.</p>
 */
public final class BenchmarkSuite {
    /** The benchmarks in the order they run. */
    static final List<Benchmark> BENCHMARKS = List.of(
        new Benchmark("Async server: submit + status round trips", "async-api-server.md",
            AsyncServerBenchmark::main, "8", "3", "10"),
        new Benchmark("ACI watching: 200 jobs for a simulated hour", "container-jobs.md",
            AciWatchBenchmark::main, "--jobs", "200", "--naive-minutes", "5"),
        new Benchmark("Pause-restart: restart latency", "pause-restart.md",
            PauseRestartBenchmark::main, "400", "8"),
        new Benchmark("Async client: 10,000 operations at once", "async-operations.md",
            AsyncClientBenchmark::main, "10000", "10000", "2", "2", "15"),
        new Benchmark("Cold start: fresh JVMs to the first answered request", "benchmarks.md",
            ColdStartBenchmark::main, "3"));

    private BenchmarkSuite() {
    }

    /**
     * Runs every benchmark in {@link #BENCHMARKS} order.
     *
     * @param args ignored
     * @throws Exception the first benchmark failure
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long suiteStart = System.nanoTime();
        for (int i = 0; i < BENCHMARKS.size(); i++) {
            Benchmark benchmark = BENCHMARKS.get(i);
            out.printf(Locale.ROOT, "%n## %d/%d %s (table in docs/%s)%n%n", i + 1, BENCHMARKS.size(),
                benchmark.title(), benchmark.guide());
            long start = System.nanoTime();
            benchmark.main().run(benchmark.args().toArray(String[]::new));
            out.printf(Locale.ROOT, "%n(%s took %d s)%n", benchmark.title(),
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
        }
        out.printf(Locale.ROOT, "%nThe suite took %d s on %d cores, load average %.1f at its end.%n",
            Duration.ofNanos(System.nanoTime() - suiteStart).toSeconds(), Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Azurite, WireMock and Netty leave non-daemon threads behind.
        System.exit(0);
    }

    /** A benchmark's {@code main}. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /**
     * One benchmark of the suite.
     *
     * @param title the heading printed before its table
     * @param guide the page under {@code docs/} that shows and explains its table
     * @param main its {@code main} method
     * @param args the arguments the guide's table was measured with
     */
    record Benchmark(String title, String guide, Main main, List<String> args) {
        Benchmark(String title, String guide, Main main, String... args) {
            this(title, guide, main, List.of(args));
        }
    }
}
