package io.github.adfkit.aci;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.polling.SyncPoller;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.implementation.SourceSyncPoller;

/**
 * Runs container jobs on Azure Container Instances: launch, watch for as long as they run, read the events and the
 * log tail before cleanup, clean up, and, for a job started from an ADF WebHook, call ADF back. The watching is done
 * by the {@link ContainerJobWatcher} on a shared scheduler; only a caller that asks to wait blocks its own thread.
 *
 * <pre>{@code
 * ContainerJobClient client = new ContainerJobClientBuilder()
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .subscriptionId(subscriptionId)
 *     .buildClient();
 * ContainerJobResult result = client.beginRun(
 *         new ContainerJobSpec("rg-jobs", "westeurope", "myacr.azurecr.io/report:1.4")
 *             .setCommand(List.of("python", "report.py")))
 *     .getFinalResult();
 * }</pre>
 *
 * <p>Built by {@link ContainerJobClientBuilder#buildClient()}; immutable and thread-safe.</p>
 */
@ServiceClient(builder = ContainerJobClientBuilder.class)
public final class ContainerJobClient {
    private final ContainerJobAsyncClient asyncClient;

    ContainerJobClient(ContainerJobAsyncClient asyncClient) {
        this.asyncClient = asyncClient;
    }

    /**
     * Starts a container job: checks the spec, records the job (with a job store) and begins the launch, then
     * returns. The poller's final result has the exit code, events, log tail and cleanup outcome; cancelling stops
     * the job and cleans up.
     *
     * @param spec the job
     * @return the poller
     * @throws IllegalArgumentException if a value of the spec is invalid; nothing is sent
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public SyncPoller<ContainerJobStatus, ContainerJobResult> beginRun(ContainerJobSpec spec) {
        return new SourceSyncPoller<>(asyncClient.run(spec).block());
    }

    /**
     * The whole ADF WebHook flow in one call; see {@link ContainerJobAsyncClient#startForWebhook}. Returns once the
     * job is recorded and its launch has begun, so the host can answer ADF with 202 at once.
     *
     * @param request the parsed WebHook request
     * @param spec the job
     * @return the job's first status
     * @throws IllegalArgumentException if a value of the spec is invalid; nothing is sent
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public ContainerJobStatus startForWebhook(WebhookRequest request, ContainerJobSpec spec) {
        return asyncClient.startForWebhook(request, spec).block();
    }

    /**
     * Reads the status of a container job by its group's name; see {@link ContainerJobAsyncClient#getJobStatus}.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return the status
     * @throws com.azure.core.exception.ResourceNotFoundException if neither a job nor a group of that name exists
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public ContainerJobStatus getJobStatus(String resourceGroup, String groupName) {
        return asyncClient.getJobStatus(resourceGroup, groupName).block();
    }

    /**
     * Re-attaches to a container job by its group's name; see {@link ContainerJobAsyncClient#beginAttach}.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return the poller
     * @throws ContainerJobException if another live host watches the job
     * @throws com.azure.core.exception.ResourceNotFoundException if no such job is known
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public SyncPoller<ContainerJobStatus, ContainerJobResult> beginAttach(String resourceGroup, String groupName) {
        if (resourceGroup == null || resourceGroup.isBlank() || groupName == null || groupName.isBlank()) {
            throw new IllegalArgumentException("'resourceGroup' and 'groupName' must not be empty.");
        }
        return new SourceSyncPoller<>(asyncClient.attach(resourceGroup, groupName).block());
    }

    /**
     * Cancels a container job by its group's name, from any host; see {@link ContainerJobAsyncClient#cancelJob}.
     *
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @throws com.azure.core.exception.ResourceNotFoundException if no such job is known
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public void cancelJob(String resourceGroup, String groupName) {
        asyncClient.cancelJob(resourceGroup, groupName).block();
    }

    /**
     * @return the watcher that follows this client's jobs: completion listeners, resuming stored jobs, shutdown
     */
    public ContainerJobWatcher getWatcher() {
        return asyncClient.getWatcher();
    }
}
