package io.github.adfkit.examples.demo;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The README's first command runs this: {@code mvn -B -q -Pdemo verify}. Without arguments it runs the local tour
 * ({@link Demo}) and exits 0 when every flow passed, 1 otherwise. With {@code --live} it serves {@link DemoHost}
 * against real Azure (see {@code docs/demo.md}) until the process is stopped.
 */
public final class DemoMain {
    private DemoMain() {
    }

    /**
     * Runs the tour, or the live host.
     *
     * @param args nothing, or {@code --live}
     * @throws InterruptedException if the live host is interrupted while it serves
     */
    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--live")) {
            serveLive();
            return;
        }
        int exitCode = new Demo(System.out).run().exitCode();
        if (exitCode != 0) {
            System.exit(exitCode);
        }
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }));
        System.out.println("adfkit demo host on " + host.baseUrl() + " for factory " + environment.factoryName()
            + " in subscription " + environment.subscriptionId());
        System.out.println("  POST " + host.baseUrl() + "/jobs           (WebHook activity: image, parameters)");
        System.out.println("  POST " + host.baseUrl() + "/api/submit/query?s=10/10/2021&e=10/12/2021");
        System.out.println("  GET  " + host.baseUrl() + "/api/status/{id}");
        System.out.println("  POST " + host.baseUrl() + "/pause          (Web activity, x-functions-key)");
        System.out.println("  GET  " + host.baseUrl() + "/pause-data/{pauseId}");
        System.out.println("Stop with Ctrl+C.");
        stopped.await();
    }
}
