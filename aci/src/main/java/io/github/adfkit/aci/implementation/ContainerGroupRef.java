package io.github.adfkit.aci.implementation;

import java.util.Objects;

/**
 * Where a container group lives: subscription, resource group, group name, and the job's container in it.
 *
 * @param subscriptionId the subscription id
 * @param resourceGroup the resource group
 * @param groupName the container group name
 * @param containerName the job's container
 */
public record ContainerGroupRef(String subscriptionId, String resourceGroup, String groupName, String containerName) {
    /**
     * Checks that no part is null.
     */
    public ContainerGroupRef {
        Objects.requireNonNull(subscriptionId, "'subscriptionId' cannot be null.");
        Objects.requireNonNull(resourceGroup, "'resourceGroup' cannot be null.");
        Objects.requireNonNull(groupName, "'groupName' cannot be null.");
        Objects.requireNonNull(containerName, "'containerName' cannot be null.");
    }

    /**
     * @return the ARM resource path, {@code /subscriptions/.../containerGroups/{name}}
     */
    public String path() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
            + "/providers/Microsoft.ContainerInstance/containerGroups/" + groupName;
    }

    /**
     * @return {@code resourceGroup/groupName}, for log lines and messages
     */
    public String displayName() {
        return resourceGroup + "/" + groupName;
    }
}
