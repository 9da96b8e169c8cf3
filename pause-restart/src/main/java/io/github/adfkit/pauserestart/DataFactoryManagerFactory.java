package io.github.adfkit.pauserestart;

import com.azure.resourcemanager.datafactory.DataFactoryManager;

/**
 * Makes the {@link DataFactoryManager} that starts runs in one subscription of one tenant. adfkit asks once per
 * (tenant, subscription) and keeps the manager.
 *
 * <p>The manager's {@code HttpPipeline} must not retry on its own: build it with
 * {@link DataFactoryManager#authenticate(com.azure.core.http.HttpPipeline, com.azure.core.management.profile.AzureProfile)}
 * from a pipeline without a {@code RetryPolicy}. adfkit retries {@code createRun} itself, and only after checking
 * that the failed attempt did not start a run; a pipeline that retries a {@code createRun} that timed out after
 * Data Factory accepted it starts a second run.</p>
 *
 * <pre>{@code
 * DataFactoryManagerFactory perTenant = (tenantId, subscriptionId) -> DataFactoryManager.authenticate(
 *     pipelineWithoutRetriesFor(tenantId), new AzureProfile(tenantId, subscriptionId, AzureEnvironment.AZURE));
 * }</pre>
 */
@FunctionalInterface
public interface DataFactoryManagerFactory {
    /**
     * Makes a manager.
     *
     * @param tenantId the tenant from the pause's target, or {@code null} for the host's own
     * @param subscriptionId the subscription from the pause's target
     * @return a manager whose pipeline does not retry
     */
    DataFactoryManager create(String tenantId, String subscriptionId);
}
