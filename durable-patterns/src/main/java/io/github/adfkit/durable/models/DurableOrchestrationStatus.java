package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.Json;

import java.time.OffsetDateTime;

/**
 * The status of a Durable Functions orchestration instance, as its {@code statusQueryGetUri} returns it. While the
 * instance is Pending, Running, ContinuedAsNew or Suspended the host answers 202; for Completed, Failed, Canceled
 * and Terminated it answers 200 (or 500 for Failed when the URL asks for {@code returnInternalServerErrorOnFailure}).
 * A {@code Failed} instance is a failure whatever the HTTP code.
 */
@Immutable
public final class DurableOrchestrationStatus {
    @JsonProperty("name")
    private String name;
    @JsonProperty("instanceId")
    private String instanceId;
    private OperationRuntimeStatus runtimeStatus;
    @JsonProperty("input")
    private JsonNode input;
    @JsonProperty("customStatus")
    private JsonNode customStatus;
    @JsonProperty("output")
    private JsonNode output;
    @JsonProperty("createdTime")
    private OffsetDateTime createdTime;
    @JsonProperty("lastUpdatedTime")
    private OffsetDateTime lastUpdatedTime;

    private DurableOrchestrationStatus() {
    }

    @JsonProperty("runtimeStatus")
    private void setRuntimeStatus(String runtimeStatus) {
        this.runtimeStatus = OperationRuntimeStatus.fromString(runtimeStatus);
    }

    /**
     * @return the orchestrator function's name
     */
    public String getName() {
        return name;
    }

    /**
     * @return the instance id
     */
    public String getInstanceId() {
        return instanceId;
    }

    /**
     * @return the runtime status; values the host adds later are kept as sent
     */
    public OperationRuntimeStatus getRuntimeStatus() {
        return runtimeStatus;
    }

    /**
     * @return the orchestration's input, or {@code null} when the host was asked not to show it
     */
    public BinaryData getInput() {
        return Json.toBinary(input);
    }

    /**
     * @return the custom status the orchestrator set, or {@code null}
     */
    public BinaryData getCustomStatus() {
        return Json.toBinary(customStatus);
    }

    /**
     * @return the output when Completed, the failure details when Failed, the reason when Terminated; otherwise
     *     {@code null}
     */
    public BinaryData getOutput() {
        return Json.toBinary(output);
    }

    /**
     * @return when the instance was created
     */
    public OffsetDateTime getCreatedTime() {
        return createdTime;
    }

    /**
     * @return when the instance last checkpointed
     */
    public OffsetDateTime getLastUpdatedTime() {
        return lastUpdatedTime;
    }
}
