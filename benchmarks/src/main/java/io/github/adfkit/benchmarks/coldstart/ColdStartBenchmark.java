package io.github.adfkit.benchmarks.coldstart;

import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.testing.azurite.AzuriteTableService;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * JVM start to first answered request, in fresh JVMs started with this benchmark's classpath: a bare JDK HTTP
 * server, adfkit's {@code AsyncOperationServer} on the Table store, and the same submit-and-read written by hand on
 * {@code azure-data-tables}; then azure-core's default HTTP client sending its first request on Netty and on the
 * JDK HTTP client ({@code azure-core-http-jdk-httpclient}), with each classpath's size.
 *
 * <p>Arguments (optional): runs per row (5).</p>
 */
public final class ColdStartBenchmark {
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();

    private ColdStartBenchmark() {
    }

    /**
     * Runs every row and prints a table.
     *
     * @param args optional: runs per row
     * @throws Exception if a host does not start
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        AzuriteTableService azurite = AzuriteTableService.shared();
        String table = azurite.newTable("coldstart").getTableName();
        List<String> netty = without(classpath, entry -> entry.contains("azure-core-http-jdk-httpclient"));
        List<String> jdk = without(classpath, entry -> entry.contains("netty"));

        System.out.println("| JVM start → first answered request | median ms | min ms | max ms | classpath MB |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("bare JDK HttpServer", runs, netty, "bare");
        row("hand-written on azure-data-tables (create + read per request)", runs, netty, "handwritten",
            azurite.connectionString(), table);
        row("adfkit AsyncOperationServer, Table store", runs, netty, "adfkit", azurite.connectionString(), table);
        // adfkit's own clients are built on azure-core's JDK HTTP client, so this host gets the whole classpath.
        row("adfkit, every capability wired (jobs, operations, pause/restart) on HostServer", runs, classpath,
            "wired", azurite.connectionString(), table);
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        try {
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/";
            row("azure-core first request, Netty client (default)", runs, netty, "client", url);
            row("azure-core first request, JDK HTTP client", runs, jdk, "client", url);
        } finally {
            target.stop(0);
        }
        System.out.printf(Locale.ROOT, "%n%d runs per row, %d cores, Java %s, load average %.1f%n", runs,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<String> without(List<String> classpath, Predicate<String> left) {
        return classpath.stream().filter(left.negate()).collect(Collectors.toList());
    }

    private static void row(String name, int runs, List<String> classpath, String... hostArgs) throws Exception {
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            millis[i] = firstAnswerMillis(classpath, hostArgs);
        }
        Arrays.sort(millis);
        double megabytes = classpath.stream().map(Path::of).mapToLong(ColdStartBenchmark::size).sum() / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f |%n", name, millis[runs / 2], millis[0],
            millis[runs - 1], megabytes);
    }

    private static long size(Path entry) {
        try (var files = java.nio.file.Files.walk(entry)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (java.io.IOException unreadable) {
            return 0;
        }
    }

    private static long firstAnswerMillis(List<String> classpath, String... hostArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", String.join(File.pathSeparator, classpath), ColdStartHost.class.getName()));
        command.addAll(List.of(hostArgs));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("STATUS ")) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                if (line.startsWith("PORT ")) {
                    URI uri = URI.create("http://127.0.0.1:" + line.substring(5) + "/api/submit/noop");
                    PROBE.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            throw new IllegalStateException("The host " + hostArgs[0] + " ended without answering.");
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
