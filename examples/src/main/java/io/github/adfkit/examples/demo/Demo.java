package io.github.adfkit.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The local tour of adfkit: starts Azurite and the loopback fakes of ARM and of ADF's callback endpoint, starts
 * {@link DemoHost} on them, plays the pipeline's part through every flow while narrating, and prints a summary.
 * Everything it started is stopped before it returns.
 */
public final class Demo {
    private final PrintStream out;

    /**
     * @param out where the narration and the summary go
     */
    public Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the tour and prints its summary.
     *
     * @return the summary; {@link DemoSummary#exitCode()} is what the process should exit with
     */
    public DemoSummary run() {
        long started = System.nanoTime();
        Narrator narrator = new Narrator(out);
        DemoSummary summary;
        try {
            narrator.step("starting Azurite, the fakes of ARM (ACI, ADF) and of ADF's callback endpoint, on loopback");
            try (LocalEnvironment environment = LocalEnvironment.start()) {
                narrator.step("starting the host: POST /jobs, /api/submit, /api/status, /pause, /restart, /pause-data");
                try (DemoHost host = DemoHost.start(environment)) {
                    narrator.detail("listening on " + host.baseUrl());
                    List<FlowResult> rows = new PipelineTour(environment, host, narrator).run();
                    summary = new DemoSummary(rows, null, since(started));
                }
            }
        } catch (RuntimeException failure) {
            summary = new DemoSummary(List.of(), "failed at \"" + narrator.currentStep() + "\": "
                + DemoStepFailure.reasonOf(failure), since(started));
        }
        summary.print(out);
        return summary;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
