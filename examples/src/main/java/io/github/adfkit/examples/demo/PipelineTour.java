package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.policy.AddHeadersPolicy;
import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.AsyncOperationClientBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays ADF's part (and the approver's) against the host, one flow after the other. A flow that fails is reported
 * with the step it failed at, and the next flows still run.
 */
final class PipelineTour {
    private static final List<TourFlow> FLOWS = List.of(new WebhookJobFlow(), new AuditQueryFlow(),
        new SingleFlightFlow(), new PauseRestartFlow());

    private final TourContext tour;

    /**
     * @param environment the fakes the flows check against
     * @param host the host under tour
     * @param narrator where the story goes
     */
    PipelineTour(LocalEnvironment environment, DemoHost host, Narrator narrator) {
        AsyncOperationClient operations = pipelineClient(environment.pipelineKey())
            .addPolicy(new RequestNarration(narrator))
            .buildClient();
        this.tour = new TourContext(environment, host, narrator, new DemoHttp(), operations);
    }

    /**
     * @param pipelineKey the key the host's routes require
     * @return a builder of adfkit's operation client that sends the key in {@code x-functions-key}, as a pipeline does
     */
    static AsyncOperationClientBuilder pipelineClient(String pipelineKey) {
        return new AsyncOperationClientBuilder()
            .addPolicy(new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.fromString("x-functions-key"),
                pipelineKey)))
            .timeout(Duration.ofSeconds(30));
    }

    /**
     * Runs every flow.
     *
     * @return one result per flow, in order
     */
    List<FlowResult> run() {
        List<FlowResult> results = new ArrayList<>();
        for (TourFlow flow : FLOWS) {
            long started = System.nanoTime();
            boolean passed = false;
            String outcome;
            try {
                outcome = flow.run(tour);
                passed = true;
            } catch (RuntimeException failure) {
                outcome = "failed at \"" + tour.narrator().currentStep() + "\": " + DemoStepFailure.reasonOf(failure);
                tour.narrator().say("   FAILED: " + outcome);
            }
            results.add(new FlowResult(flow.name(), passed, outcome, Duration.ofNanos(System.nanoTime() - started)));
        }
        return results;
    }
}
