package io.github.adfkit.examples.demo;

import sun.misc.Signal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The README's first command runs this: {@code mvn -B -q -Pdemo verify}. Without arguments it runs the local tour
 * ({@link Demo}) and exits 0 when every flow passed, 1 otherwise. With {@code --serve [port]} it serves
 * {@link DemoHost} on the local fakes, printing a curl line for every route; with {@code --live} it serves it against
 * real Azure (see {@code docs/demo.md}). Both serve until Ctrl+C or SIGTERM, then close the host and what it uses
 * and exit 0.
 */
public final class DemoMain {
    /** The port {@code --serve} listens on when none is given. */
    static final int DEFAULT_SERVE_PORT = 8080;
    /** The last line {@code --serve} and {@code --live} print, once everything is stopped. */
    static final String STOPPED = "Stopped.";

    private DemoMain() {
    }

    /**
     * Runs the tour, the local host or the live host.
     *
     * @param args nothing, {@code --serve [port]} or {@code --live}
     * @throws InterruptedException if a host is interrupted while it serves
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--live")) {
            serveLive();
            return;
        }
        if (arguments.contains("--serve")) {
            serveLocal(arguments);
            return;
        }
        int exitCode = new Demo(System.out).run().exitCode();
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    private static void serveLocal(List<String> arguments) throws InterruptedException {
        LocalServe serve;
        List<RouteExample> examples;
        try {
            serve = LocalServe.start(port(arguments));
        } catch (RuntimeException cannotStart) {
            System.err.println("The local host could not start: " + DemoStepFailure.reasonOf(cannotStart));
            System.exit(2);
            return;
        }
        try {
            examples = serve.examples();
        } catch (RuntimeException failed) {
            serve.close();
            System.err.println("The local host could not prepare its examples: " + DemoStepFailure.reasonOf(failed));
            System.exit(2);
            return;
        }
        System.out.println("adfkit demo host on " + serve.baseUrl() + ", on Azurite and the loopback fakes of ARM "
            + "(ACI, Data Factory) and of ADF's callback endpoint.");
        System.out.println("Paste these into another shell; they carry this run's pipeline key and ids.");
        examples.forEach(example -> {
            System.out.println();
            example.print(System.out);
        });
        System.out.println();
        serveUntilStopped(serve);
    }

    private static void serveLive() throws InterruptedException {
        LiveEnvironment environment;
        DemoHost host;
        try {
            environment = LiveEnvironment.fromVariables(System.getenv());
            host = DemoHost.start(environment);
        } catch (RuntimeException cannotStart) {
            System.err.println("The live host could not start: " + cannotStart.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("adfkit demo host on " + host.baseUrl() + " for factory " + environment.factoryName()
            + " in subscription " + environment.subscriptionId());
        System.out.println("  POST " + host.baseUrl() + "/jobs           (WebHook activity: image, parameters)");
        System.out.println("  POST " + host.baseUrl() + "/api/submit/query?s=10/10/2021&e=10/12/2021");
        System.out.println("  GET  " + host.baseUrl() + "/api/status/{id}");
        System.out.println("  POST " + host.baseUrl() + "/pause          (Web activity, x-functions-key)");
        System.out.println("  GET  " + host.baseUrl() + "/pause-data/{pauseId}");
        serveUntilStopped(host);
    }

    /**
     * Serves until Ctrl+C (SIGINT) or SIGTERM, then closes what serves, says so and exits 0. The signals are handled
     * here rather than in a shutdown hook because hooks run in no order: Azurite's own hook would stop it while the
     * host still writes its last rows.
     */
    private static void serveUntilStopped(AutoCloseable serving) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : List.of("INT", "TERM")) {
            Signal.handle(new Signal(signal), received -> stopRequested.countDown());
        }
        System.out.println("Serving until stopped (Ctrl+C).");
        stopRequested.await();
        int exitCode = 0;
        try {
            serving.close();
        } catch (Exception e) {
            System.err.println("Stopping failed: " + e);
            exitCode = 1;
        }
        System.out.println(STOPPED);
        System.exit(exitCode);
    }

    private static int port(List<String> arguments) {
        int at = arguments.indexOf("--serve") + 1;
        if (at >= arguments.size() || arguments.get(at).startsWith("--")) {
            return DEFAULT_SERVE_PORT;
        }
        try {
            int port = Integer.parseInt(arguments.get(at));
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException("--serve takes a port from 0 to 65535, not " + arguments.get(at));
    }
}
