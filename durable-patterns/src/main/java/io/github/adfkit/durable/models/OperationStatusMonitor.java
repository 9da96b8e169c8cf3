package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.Json;

/**
 * A status resource of the {@code {id, status, result, error}} shape: the Azure REST API guidelines' status monitor
 * ({@code Operation-Location}; {@code status} is NotStarted, Running, Succeeded, Failed or Canceled) and the minimal
 * status endpoint that exposes only an id, a status and a result (where {@code status} carries the Durable runtime
 * status, as in {@code {"id": "4f1c", "status": "Completed", "result": 119}}).
 */
@Immutable
public final class OperationStatusMonitor {
    @JsonProperty("id")
    private String id;
    private OperationRuntimeStatus status;
    @JsonProperty("result")
    private JsonNode result;
    @JsonProperty("error")
    private JsonNode error;
    @JsonProperty("resourceLocation")
    private String resourceLocation;

    private OperationStatusMonitor() {
    }

    @JsonProperty("status")
    private void setStatus(String status) {
        this.status = OperationRuntimeStatus.fromString(status);
    }

    /**
     * @return the operation id
     */
    public String getId() {
        return id;
    }

    /**
     * @return the status; names the service adds later are kept as sent
     */
    public OperationRuntimeStatus getStatus() {
        return status;
    }

    /**
     * @return the result once the operation succeeded, otherwise usually {@code null}
     */
    public BinaryData getResult() {
        return Json.toBinary(result);
    }

    /**
     * @return the error when the operation failed (an object with {@code code} and {@code message} in the Azure
     *     guidelines, sometimes a plain string), otherwise {@code null}
     */
    public BinaryData getError() {
        return Json.toBinary(error);
    }

    /**
     * @return where the resource the operation created or changed can be read once it succeeded (the Microsoft REST
     *     API guidelines' "target resource location"), otherwise {@code null}; adfkit fetches it as the result
     */
    public String getResourceLocation() {
        return resourceLocation;
    }
}
