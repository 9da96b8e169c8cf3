package io.github.adfkit.pauserestart.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.logging.ClientLogger;

import java.util.Objects;

/**
 * The Data Factory pipeline that a restart starts: subscription, resource group, factory and pipeline, and the
 * Microsoft Entra tenant when it is not the host's own. One adfkit host can resume pipelines in many factories,
 * subscriptions and tenants.
 *
 * <pre>{@code
 * PipelineTarget target = new PipelineTarget("<subscription-id>", "rg-data", "adf-sales", "ResumeAfterApproval")
 *     .withTenantId("<tenant-id>");
 * }</pre>
 */
@Immutable
public final class PipelineTarget {
    private static final ClientLogger LOGGER = new ClientLogger(PipelineTarget.class);
    private static final int MAX_NAME_LENGTH = 260;

    private final String tenantId;
    private final String subscriptionId;
    private final String resourceGroupName;
    private final String factoryName;
    private final String pipelineName;

    /**
     * Names a pipeline in the host's own tenant.
     *
     * @param subscriptionId the subscription that holds the factory
     * @param resourceGroupName the factory's resource group
     * @param factoryName the factory
     * @param pipelineName the pipeline to start on restart
     * @throws IllegalArgumentException if a name is blank, too long, or contains {@code /}, {@code ?} or {@code #}
     */
    public PipelineTarget(String subscriptionId, String resourceGroupName, String factoryName, String pipelineName) {
        this(null, subscriptionId, resourceGroupName, factoryName, pipelineName);
    }

    private PipelineTarget(String tenantId, String subscriptionId, String resourceGroupName, String factoryName,
        String pipelineName) {
        this.tenantId = tenantId == null ? null : checkedName("tenantId", tenantId);
        this.subscriptionId = checkedName("subscriptionId", subscriptionId);
        this.resourceGroupName = checkedName("resourceGroupName", resourceGroupName);
        this.factoryName = checkedName("factoryName", factoryName);
        this.pipelineName = checkedName("pipelineName", pipelineName);
    }

    /**
     * Returns a copy in another tenant.
     *
     * @param tenantId the Microsoft Entra tenant of the subscription; {@code null} for the host's own
     * @return the new target
     * @throws IllegalArgumentException if the tenant id is blank or malformed
     */
    public PipelineTarget withTenantId(String tenantId) {
        return new PipelineTarget(tenantId, subscriptionId, resourceGroupName, factoryName, pipelineName);
    }

    /**
     * @return the tenant id, or {@code null} for the host's own tenant
     */
    public String getTenantId() {
        return tenantId;
    }

    /**
     * @return the subscription id
     */
    public String getSubscriptionId() {
        return subscriptionId;
    }

    /**
     * @return the resource group name
     */
    public String getResourceGroupName() {
        return resourceGroupName;
    }

    /**
     * @return the factory name
     */
    public String getFactoryName() {
        return factoryName;
    }

    /**
     * @return the pipeline name
     */
    public String getPipelineName() {
        return pipelineName;
    }

    private static String checkedName(String what, String value) {
        Objects.requireNonNull(value, () -> "'" + what + "' cannot be null.");
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(c -> c == '/' || c == '?'
            || c == '#' || c == '\\' || Character.isISOControl(c))) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'" + what + "' must be 1 to "
                + MAX_NAME_LENGTH + " characters without '/', '\\', '?', '#' or control characters."));
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PipelineTarget)) {
            return false;
        }
        PipelineTarget that = (PipelineTarget) other;
        return Objects.equals(tenantId, that.tenantId) && subscriptionId.equals(that.subscriptionId)
            && resourceGroupName.equals(that.resourceGroupName) && factoryName.equals(that.factoryName)
            && pipelineName.equals(that.pipelineName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, subscriptionId, resourceGroupName, factoryName, pipelineName);
    }

    @Override
    public String toString() {
        return "PipelineTarget{" + factoryName + "/" + pipelineName + " in " + resourceGroupName + '}';
    }
}
