package io.github.adfkit.testing.adf;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline run that {@link AdfFakeServer} created: where it was started, with which parameters, its status and,
 * once it ended, its end and message. Immutable: a status change in the fake produces a new instance.
 */
public final class AdfRun {
    private final String runId;
    private final String subscriptionId;
    private final String resourceGroupName;
    private final String factoryName;
    private final String pipelineName;
    private final Map<String, Object> parameters;
    private final String status;
    private final Instant runStart;
    private final Instant lastUpdated;
    private final Instant runEnd;
    private final String message;

    AdfRun(String runId, String subscriptionId, String resourceGroupName, String factoryName, String pipelineName,
        Map<String, Object> parameters, String status, Instant runStart, Instant lastUpdated, Instant runEnd,
        String message) {
        this.runId = Objects.requireNonNull(runId, "'runId' cannot be null.");
        this.subscriptionId = subscriptionId;
        this.resourceGroupName = resourceGroupName;
        this.factoryName = factoryName;
        this.pipelineName = pipelineName;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.status = status;
        this.runStart = runStart;
        this.lastUpdated = lastUpdated;
        this.runEnd = runEnd;
        this.message = message;
    }

    /**
     * @param endStatus the status the run ends with, such as {@code Failed}
     * @param endMessage the run's message (ADF's words for why it failed; empty when it did not)
     * @param at when it ended
     * @return the ended run
     */
    AdfRun ended(String endStatus, String endMessage, Instant at) {
        return new AdfRun(runId, subscriptionId, resourceGroupName, factoryName, pipelineName, parameters, endStatus,
            runStart, at, at, endMessage);
    }

    /**
     * @return the run id the fake answered {@code createRun} with
     */
    public String getRunId() {
        return runId;
    }

    /**
     * @return the subscription id from the request path
     */
    public String getSubscriptionId() {
        return subscriptionId;
    }

    /**
     * @return the resource group name from the request path
     */
    public String getResourceGroupName() {
        return resourceGroupName;
    }

    /**
     * @return the factory name from the request path
     */
    public String getFactoryName() {
        return factoryName;
    }

    /**
     * @return the pipeline name from the request path
     */
    public String getPipelineName() {
        return pipelineName;
    }

    /**
     * @return the parameters exactly as the {@code createRun} body held them (JSON values as Java objects)
     */
    public Map<String, Object> getParameters() {
        return parameters;
    }

    /**
     * @return {@code InProgress} after {@code createRun}, {@code Cancelled} after {@code cancel}, {@code Failed} after
     *     {@link AdfFakeServer#failRun(String, String)}
     */
    public String getStatus() {
        return status;
    }

    /**
     * @return when the fake created the run
     */
    public Instant getRunStart() {
        return runStart;
    }

    /**
     * @return when the run last changed
     */
    public Instant getLastUpdated() {
        return lastUpdated;
    }

    /**
     * @return when the run ended, or {@code null} while it is in progress
     */
    public Instant getRunEnd() {
        return runEnd;
    }

    /**
     * @return the run's message: why it failed, empty otherwise
     */
    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return "AdfRun{" + runId + ", " + factoryName + "/" + pipelineName + ", " + status + '}';
    }
}
