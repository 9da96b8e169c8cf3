package io.github.adfkit.testing.adf;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.arm.ArmFakeServer;
import io.github.adfkit.testing.implementation.FakeArguments;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A fake Azure Data Factory on a loopback port: the management operations {@code createRun} (the body is the bare
 * parameter map), {@code pipelineruns/{runId}}, {@code queryPipelineRuns} (filters on {@code PipelineName} and
 * {@code Status}, and the {@code lastUpdated} window) and {@code pipelineruns/{runId}/cancel}, for any subscription,
 * resource group and factory. Every run is recorded and can be read back with {@link #runs()}; a test ends a run as
 * {@code Failed} with {@link #failRun(String, String)}.
 *
 * <pre>{@code
 * try (AdfFakeServer adf = new AdfFakeServer().start()) {
 *     DataFactoryManager manager = DataFactoryManager.authenticate(
 *         adf.httpPipeline(new StaticTestTokenCredential()), adf.azureProfile("tenant", "subscription"));
 *     adf.failNextCreateRuns(1, 503);                       // the next createRun answers 503, no run
 *     adf.acceptNextCreateRunsLate(1, Duration.ofSeconds(5)); // then one that creates the run and answers late
 *     ...
 *     assertThat(adf.runs()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Everything {@link ArmFakeServer} does applies too: a bearer token is required, and
 * {@link #injectFaults(double, int...)} fails a fraction of all requests before they reach the factory, and
 * {@link #injectFaults(io.github.adfkit.testing.faults.FaultMix)} adds connection resets (before the factory acted)
 * and slow answers (after it acted).</p>
 */
public class AdfFakeServer extends ArmFakeServer {
    private static final ClientLogger LOGGER = new ClientLogger(AdfFakeServer.class);

    private final AdfRunJournal journal;

    /**
     * Creates the fake. Call {@link #start()} before use.
     */
    public AdfFakeServer() {
        this(new AdfRunJournal());
    }

    private AdfFakeServer(AdfRunJournal journal) {
        super(new AdfOperations(journal));
        this.journal = journal;
        stubFor(any(urlPathMatching("(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/"
            + "Microsoft\\.DataFactory/factories/.+"))
            .willReturn(aResponse().withTransformers(AdfOperations.NAME)));
    }

    /**
     * Starts the server on a free loopback port. Does nothing if it is running.
     *
     * @return this fake
     */
    @Override
    public AdfFakeServer start() {
        super.start();
        return this;
    }

    /**
     * Makes the next {@code createRun} calls fail with a status, without creating a run.
     *
     * @param times how many calls fail, counted after those already scripted
     * @param status a 4xx or 5xx status, such as 503
     * @throws IllegalArgumentException if {@code times} is negative or the status is not a 4xx/5xx
     */
    public void failNextCreateRuns(int times, int status) {
        journal.script(AdfRunJournal.CreateRunScript.fail(FakeArguments.errorStatus(status, LOGGER)),
            FakeArguments.times(times, LOGGER));
    }

    /**
     * Makes the next {@code createRun} calls create their run at once but answer only after a delay: with a client
     * timeout shorter than the delay, the client sees a timeout although the run exists.
     *
     * @param times how many calls answer late, counted after those already scripted
     * @param delay how long each answer is held back; positive
     * @throws IllegalArgumentException if {@code times} is negative or the delay is not positive
     */
    public void acceptNextCreateRunsLate(int times, Duration delay) {
        journal.script(AdfRunJournal.CreateRunScript.acceptThenDelay(FakeArguments.positive(delay, LOGGER)),
            FakeArguments.times(times, LOGGER));
    }

    /**
     * Ends a run in progress as {@code Failed} with a message, as ADF reports a run one of whose activities failed:
     * from now on {@code pipelineruns/{runId}} answers {@code "status": "Failed"}, the message, {@code runEnd} and
     * {@code durationInMs}.
     *
     * @param runId the run's id, as {@code createRun} answered it
     * @param message ADF's message for the failure, such as {@code "Operation on target Copy failed: ..."}
     * @return the failed run
     * @throws IllegalArgumentException if there is no such run
     * @throws IllegalStateException if the run has already ended
     */
    public AdfRun failRun(String runId, String message) {
        Objects.requireNonNull(runId, "'runId' cannot be null.");
        Objects.requireNonNull(message, "'message' cannot be null.");
        Optional<AdfRun> failed;
        try {
            failed = journal.fail(runId, message);
        } catch (IllegalStateException ended) {
            throw LOGGER.logExceptionAsError(ended);
        }
        return failed.orElseThrow(() -> LOGGER.logExceptionAsError(
            new IllegalArgumentException("No pipeline run " + runId + " was created by this fake.")));
    }

    /**
     * Every run created since the fake was built, oldest first (failed {@code createRun} calls create none).
     *
     * @return the runs, with their current status
     */
    public List<AdfRun> runs() {
        return journal.runs();
    }
}
