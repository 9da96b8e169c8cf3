package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.Json;

import java.util.Objects;
import java.util.Optional;

/**
 * The ADF pipeline run a container job belongs to. A job that knows it stops when the run is {@code Cancelled} or
 * {@code Failed} in ADF's {@code pipelineruns} API: its group is stopped and cleaned up, it ends as
 * {@link ContainerJobState#CANCELLED} with {@link ContainerJobFailureReason#PIPELINE_ENDED}, and ADF is not called
 * back. A WebHook activity passes it in its body:
 *
 * <pre>{@code
 * "body": {
 *   "pipelineRun": {
 *     "resourceGroup": "rg-adf",
 *     "factoryName": "@{pipeline().DataFactory}",
 *     "runId": "@{pipeline().RunId}"
 *   }
 * }
 * }</pre>
 *
 * <p>ADF has no system variable for the factory's subscription or resource group: write them as literals (or
 * pipeline parameters). Without {@code subscriptionId} the client's subscription is used.</p>
 */
@Immutable
public final class PipelineRunReference {
    /** The WebHook body property that holds the run. */
    public static final String WEBHOOK_PROPERTY = "pipelineRun";

    private final String subscriptionId;
    private final String resourceGroup;
    private final String factoryName;
    private final String runId;

    /**
     * @param subscriptionId the factory's subscription, or {@code null} for the client's
     * @param resourceGroup the factory's resource group
     * @param factoryName the factory
     * @param runId the pipeline run id
     * @throws IllegalArgumentException if a value is blank or contains '/' or '|'
     */
    public PipelineRunReference(String subscriptionId, String resourceGroup, String factoryName, String runId) {
        this.subscriptionId = subscriptionId == null ? null : checked(subscriptionId, "subscriptionId");
        this.resourceGroup = checked(resourceGroup, "resourceGroup");
        this.factoryName = checked(factoryName, "factoryName");
        this.runId = checked(runId, "runId");
    }

    /**
     * Reads the {@value #WEBHOOK_PROPERTY} object of a WebHook body.
     *
     * @param body the WebHook body, such as {@code WebhookRequest.getBody()}
     * @return the run, or empty if the body has no {@value #WEBHOOK_PROPERTY} object
     * @throws IllegalArgumentException if the body is not JSON, or the object is there but incomplete
     */
    public static Optional<PipelineRunReference> fromWebhookBody(BinaryData body) {
        JsonNode tree = Json.tree(body);
        JsonNode run = tree == null ? null : tree.get(WEBHOOK_PROPERTY);
        if (run == null || run.isNull()) {
            return Optional.empty();
        }
        if (!run.isObject()) {
            throw new IllegalArgumentException("'" + WEBHOOK_PROPERTY + "' must be an object with resourceGroup, "
                + "factoryName and runId.");
        }
        return Optional.of(new PipelineRunReference(run.path("subscriptionId").asText(null),
            run.path("resourceGroup").asText(null), run.path("factoryName").asText(null),
            run.path("runId").asText(null)));
    }

    private static String checked(String value, String name) {
        if (value == null || value.isBlank() || value.contains("/") || value.contains("|")) {
            throw new IllegalArgumentException("'" + WEBHOOK_PROPERTY + "." + name + "' must be a non-empty name "
                + "without '/' or '|'; was " + (value == null ? "missing" : "'" + value + "'") + ".");
        }
        return value;
    }

    /**
     * @return the factory's subscription, or {@code null} for the client's
     */
    public String getSubscriptionId() {
        return subscriptionId;
    }

    /**
     * @return the factory's resource group
     */
    public String getResourceGroup() {
        return resourceGroup;
    }

    /**
     * @return the factory
     */
    public String getFactoryName() {
        return factoryName;
    }

    /**
     * @return the pipeline run id
     */
    public String getRunId() {
        return runId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PipelineRunReference that && Objects.equals(subscriptionId, that.subscriptionId)
            && resourceGroup.equals(that.resourceGroup) && factoryName.equals(that.factoryName)
            && runId.equals(that.runId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscriptionId, resourceGroup, factoryName, runId);
    }

    @Override
    public String toString() {
        return "PipelineRunReference{factory=" + resourceGroup + "/" + factoryName + ", runId=" + runId + '}';
    }
}
