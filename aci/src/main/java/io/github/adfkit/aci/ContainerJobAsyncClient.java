package io.github.adfkit.aci;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.polling.PollerFlux;
import io.github.adfkit.aci.implementation.ContainerGroupDefinition;
import io.github.adfkit.aci.implementation.JobEngine;
import io.github.adfkit.aci.implementation.JobRun;
import io.github.adfkit.aci.implementation.PollResponses;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.WebhookRequest;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs container jobs on Azure Container Instances without blocking: launch, watch for as long as they run (on a
 * shared scheduler, no thread per job), read the events and the log tail, clean up, and, for a job started from an
 * ADF WebHook, call ADF back.
 *
 * <pre>{@code
 * ContainerJobAsyncClient client = new ContainerJobClientBuilder()
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .subscriptionId(subscriptionId)
 *     .buildAsyncClient();
 * client.beginRun(new ContainerJobSpec("rg-jobs", "westeurope", "myacr.azurecr.io/report:1.4"))
 *     .last()
 *     .flatMap(AsyncPollResponse::getFinalResult)
 *     .subscribe(result -> System.out.println(result.getState() + " " + result.getExitCode()));
 * }</pre>
 *
 * <p>Built by {@link ContainerJobClientBuilder#buildAsyncClient()}; immutable and thread-safe.</p>
 */
@ServiceClient(builder = ContainerJobClientBuilder.class, isAsync = true)
public final class ContainerJobAsyncClient {
    private static final Duration LOCAL_POLL_INTERVAL = Duration.ofMillis(50);

    private final JobEngine engine;
    private final ContainerJobWatcher watcher;
    private final ContainerImagePolicy webhookImagePolicy;
    private final SealingKeys sealingKeys;

    ContainerJobAsyncClient(JobEngine engine, ContainerImagePolicy webhookImagePolicy, SealingKeys sealingKeys) {
        this.engine = engine;
        this.watcher = new ContainerJobWatcher(engine);
        this.webhookImagePolicy = webhookImagePolicy;
        this.sealingKeys = sealingKeys;
    }

    /**
     * Starts a container job and follows it to its end. The spec is checked at once; the group is created when the
     * returned poller is subscribed. The poller emits each status change (the engine polls ARM, the poller does
     * not), and its final result has the exit code, events, log tail and cleanup outcome. Cancelling
     * ({@code cancelOperation}) stops the job and cleans up.
     *
     * @param spec the job
     * @return the poller
     * @throws IllegalArgumentException if a value of the spec is invalid; nothing is sent
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public PollerFlux<ContainerJobStatus, ContainerJobResult> beginRun(ContainerJobSpec spec) {
        ContainerGroupDefinition definition = ContainerGroupDefinition.of(
            Objects.requireNonNull(spec, "'spec' cannot be null."));
        AtomicReference<JobRun> job = new AtomicReference<>();
        return PollerFlux.create(LOCAL_POLL_INTERVAL,
            context -> engine.submit(definition, null).map(run -> {
                job.set(run);
                return PollResponses.of(run.status());
            }),
            context -> job.get().nextStatus(context.getLatestResponse().getValue()).map(PollResponses::of),
            (context, latest) -> {
                job.get().cancel();
                return Mono.just(job.get().status());
            },
            context -> Mono.fromFuture(job.get().result(), true));
    }

    /**
     * The whole ADF WebHook flow in one call: starts the job, and when it ends (however long that takes) reports
     * its result to the request's {@code callBackUri}: {@code Output} with state, exit code, duration and log tail,
     * and {@code Error} with a code and a message when it failed. With a job store the job and its pending callback
     * are recorded before this completes, so a host may answer ADF with 202 at once and a restarted host still
     * calls back. The host that runs the job holds its lease until the callback is delivered or given up, and the
     * delivery is recorded, so another host never calls back a second time — except if a host dies in the one Table
     * write between ADF's 2xx and that record (see the container jobs guide). A second job for the same group
     * name, while one is recorded, ends as {@code GROUP_EXISTS}.
     * The {@code callBackUri} is recorded only sealed with the builder's
     * {@link ContainerJobClientBuilder#sealingKeys(SealingKeys) sealing keys}.
     *
     * <p>The request chooses the job, so its image must be allowed by the builder's
     * {@link ContainerJobClientBuilder#webhookImagePolicy(ContainerImagePolicy) image policy}, which allows nothing
     * by default.</p>
     *
     * @param request the parsed WebHook request
     * @param spec the job (for example with {@code setParameters(request.getBody())})
     * @return emits the job's first status once it is recorded and its launch has begun
     * @throws IllegalArgumentException if a value of the spec is invalid or its image is not allowed; nothing is
     *     sent
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public Mono<ContainerJobStatus> startForWebhook(WebhookRequest request, ContainerJobSpec spec) {
        Objects.requireNonNull(request, "'request' cannot be null.");
        ContainerGroupDefinition definition = ContainerGroupDefinition.of(
            Objects.requireNonNull(spec, "'spec' cannot be null."));
        if (!webhookImagePolicy.isAllowed(spec.getImage())) {
            throw new IllegalArgumentException("The image '" + spec.getImage() + "' is not allowed for jobs started "
                + "from a request; the host allows " + webhookImagePolicy + ".");
        }
        return engine.submit(definition, sealingKeys.seal(request.getCallbackUri())).map(JobRun::status);
    }

    /**
     * @return the watcher that follows this client's jobs: completion listeners, resuming stored jobs, shutdown
     */
    public ContainerJobWatcher getWatcher() {
        return watcher;
    }

    JobEngine engine() {
        return engine;
    }
}
