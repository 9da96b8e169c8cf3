package io.github.adfkit.aci;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.polling.PollerFlux;
import io.github.adfkit.aci.implementation.ContainerGroupDefinition;
import io.github.adfkit.aci.implementation.JobPollSource;
import io.github.adfkit.aci.implementation.JobRun;
import io.github.adfkit.aci.implementation.JobsByName;
import io.github.adfkit.aci.implementation.WatchedJobs;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.aci.models.PipelineRunReference;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.implementation.SourcePollerFlux;
import reactor.core.publisher.Mono;

import java.util.Objects;

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
    private final WatchedJobs jobs;
    private final ContainerJobWatcher watcher;
    private final ContainerImagePolicy webhookImagePolicy;
    private final SealingKeys sealingKeys;
    private final JobsByName byName;

    ContainerJobAsyncClient(WatchedJobs jobs, ContainerImagePolicy webhookImagePolicy, SealingKeys sealingKeys) {
        this.jobs = jobs;
        this.watcher = new ContainerJobWatcher(jobs);
        this.webhookImagePolicy = webhookImagePolicy;
        this.sealingKeys = sealingKeys;
        this.byName = new JobsByName(jobs);
    }

    /**
     * Starts a container job and follows it to its end. The spec is checked at once; the group is created when the
     * returned poller is subscribed. The poller emits each status change (the watcher polls ARM, the poller does
     * not), and its final result has the exit code, events, log tail and cleanup outcome. Cancelling
     * ({@code cancelOperation}) stops the job and cleans up.
     *
     * @param spec the job
     * @return the poller
     * @throws IllegalArgumentException if a value of the spec is invalid; nothing is sent
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public PollerFlux<ContainerJobStatus, ContainerJobResult> beginRun(ContainerJobSpec spec) {
        return SourcePollerFlux.create(run(spec));
    }

    /**
     * The job of {@link #beginRun}, for the synchronous client too.
     *
     * @param spec the job
     * @return starts the job when subscribed, and emits it as a poll source
     * @throws IllegalArgumentException if a value of the spec is invalid; nothing is sent
     */
    Mono<JobPollSource> run(ContainerJobSpec spec) {
        ContainerGroupDefinition definition = ContainerGroupDefinition.of(
            Objects.requireNonNull(spec, "'spec' cannot be null."));
        return jobs.submit(definition, null).map(JobPollSource::new);
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
     * <p>If the body has a {@code pipelineRun} object (see {@link PipelineRunReference}) and the spec follows no run
     * yet, the job follows that run: once ADF shows it cancelled or failed, the group is stopped and cleaned up and
     * ADF is not called back.</p>
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
        Objects.requireNonNull(spec, "'spec' cannot be null.");
        if (spec.getPipelineRun() == null) {
            PipelineRunReference.fromWebhookBody(request.getBody()).ifPresent(spec::setPipelineRun);
        }
        ContainerGroupDefinition definition = ContainerGroupDefinition.of(
            Objects.requireNonNull(spec, "'spec' cannot be null."));
        if (!webhookImagePolicy.isAllowed(spec.getImage())) {
            throw new IllegalArgumentException("The image '" + spec.getImage() + "' is not allowed for jobs started "
                + "from a request; the host allows " + webhookImagePolicy + ".");
        }
        return jobs.submit(definition, sealingKeys.seal(request.getCallbackUri())).map(JobRun::status);
    }

    /**
     * Reads the status of a container job by its group's name, from any host: the status this host watches, else
     * the group's state as ARM shows it (a job recorded in the store whose group does not exist yet is
     * {@code PENDING}). Jobs started by {@code beginRun}, for a WebHook, or resumed from the store are all found.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return emits the status; errors with {@link com.azure.core.exception.ResourceNotFoundException} if neither a
     *     job nor a group of that name exists
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public Mono<ContainerJobStatus> getJobStatus(String resourceGroup, String groupName) {
        return byName.status(requireName(resourceGroup, "resourceGroup"), requireName(groupName, "groupName"));
    }

    /**
     * Re-attaches to a container job by its group's name: a job this host watches, or a stored job no live host
     * holds (its host stopped), which this host adopts now and finishes (logs, cleanup, callback). The poller
     * follows it like {@link #beginRun}'s, and cancelling it cancels the job.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return the poller; it errors with {@link ContainerJobException} if another live host watches the job, and
     *     with {@link com.azure.core.exception.ResourceNotFoundException} if no such job is known
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public PollerFlux<ContainerJobStatus, ContainerJobResult> beginAttach(String resourceGroup, String groupName) {
        return SourcePollerFlux.create(attach(requireName(resourceGroup, "resourceGroup"),
            requireName(groupName, "groupName")));
    }

    /**
     * The job of {@link #beginAttach}, for the synchronous client too.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return finds (or adopts) the job when subscribed, and emits it as a poll source
     */
    Mono<JobPollSource> attach(String resourceGroup, String groupName) {
        return Mono.defer(() -> byName.attach(resourceGroup, groupName)).map(JobPollSource::new);
    }

    /**
     * Cancels a container job by its group's name, from any host that shares the job table: a job watched here
     * stops at once; for a job another host watches, a cancel request is recorded that the host acts on at its next
     * poll. The job's group is stopped and cleaned up per its cleanup policy and the job ends {@code CANCELLED}
     * (a WebHook job reports that to ADF).
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return completes once the job is cancelled here or the request recorded; errors with
     *     {@link com.azure.core.exception.ResourceNotFoundException} if no such job is known
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public Mono<Void> cancelJob(String resourceGroup, String groupName) {
        return byName.cancel(requireName(resourceGroup, "resourceGroup"), requireName(groupName, "groupName"),
            "cancelled by name");
    }

    private static String requireName(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be empty.");
        }
        return value;
    }

    /**
     * @return the watcher that follows this client's jobs: completion listeners, resuming stored jobs, shutdown
     */
    public ContainerJobWatcher getWatcher() {
        return watcher;
    }
}
