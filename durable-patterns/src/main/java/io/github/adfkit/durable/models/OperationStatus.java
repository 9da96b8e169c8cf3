package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.implementation.Json;

import java.util.Objects;

/**
 * One answer of a status endpoint: the state it reports, the HTTP code, the URL it came from and the JSON body, with
 * typed views of the body. The state comes from the body when the body has one ({@code runtimeStatus} or
 * {@code status}), otherwise from the HTTP code (202 is Running, 200 is Succeeded).
 *
 * <p>When a status monitor reports {@code Succeeded} but holds no result, the result is a resource that adfkit
 * fetches: the monitor's {@code resourceLocation}, or the URL of a PUT or PATCH that started the operation. That
 * final status carries the monitor as its {@linkplain #getBody() body} and the fetched resource as its
 * {@linkplain #getResult() result} ({@link #getResourceUrl()} says where it came from).</p>
 *
 * <p>{@link #toString()} redacts the URL: status URLs often carry a {@code code=} key.</p>
 */
@Immutable
public final class OperationStatus {
    private final OperationRuntimeStatus status;
    private final int httpStatusCode;
    private final String statusUrl;
    private final JsonNode body;
    private final String resourceUrl;
    private final JsonNode resource;

    /**
     * Creates a status; adfkit creates these from responses, tests and custom pollers may create their own.
     *
     * @param status the state
     * @param httpStatusCode the HTTP code of the response
     * @param statusUrl the URL that answered
     * @param body the JSON body, or {@code null} when there was none
     * @throws IllegalArgumentException if {@code body} is not JSON
     */
    public OperationStatus(OperationRuntimeStatus status, int httpStatusCode, String statusUrl, BinaryData body) {
        this(status, httpStatusCode, statusUrl, Json.tree(body), null, null);
    }

    private OperationStatus(OperationRuntimeStatus status, int httpStatusCode, String statusUrl, JsonNode body,
        String resourceUrl, JsonNode resource) {
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.httpStatusCode = httpStatusCode;
        this.statusUrl = statusUrl;
        this.body = body;
        this.resourceUrl = resourceUrl;
        this.resource = resource;
    }

    /**
     * The same status with the operation's result fetched from a resource: what adfkit returns after it followed a
     * {@code resourceLocation} or sent the final GET of a PUT or PATCH.
     *
     * @param resourceUrl the URL the resource was read from
     * @param resource the resource's JSON body, or {@code null} when it had none
     * @return a new status whose {@link #getResult()} is {@code resource}
     * @throws IllegalArgumentException if {@code resource} is not JSON
     */
    public OperationStatus withResource(String resourceUrl, BinaryData resource) {
        return new OperationStatus(status, httpStatusCode, statusUrl, body,
            Objects.requireNonNull(resourceUrl, "'resourceUrl' cannot be null."), Json.tree(resource));
    }

    /**
     * @return the state
     */
    public OperationRuntimeStatus getStatus() {
        return status;
    }

    /**
     * @return the HTTP code of the response
     */
    public int getHttpStatusCode() {
        return httpStatusCode;
    }

    /**
     * @return the URL that answered; it may carry a key, so log it only through {@link Redaction#url(String)}
     */
    public String getStatusUrl() {
        return statusUrl;
    }

    /**
     * @return the JSON body, or {@code null} when there was none
     */
    public BinaryData getBody() {
        return Json.toBinary(body);
    }

    /**
     * @return the URL the result was fetched from (a {@code resourceLocation}, or the URL of the PUT or PATCH that
     *     started the operation), or {@code null} when the result is in the status body; it may carry a key, so log
     *     it only through {@link Redaction#url(String)}
     */
    public String getResourceUrl() {
        return resourceUrl;
    }

    /**
     * What the operation says about its progress while it runs: the {@code customStatus} of a Durable Functions
     * instance (also shown by adfkit's status endpoint), otherwise the {@code percentComplete} of a status monitor
     * (Microsoft REST API guidelines).
     *
     * @return the progress, or {@code null} when the body has none
     */
    public BinaryData getProgress() {
        if (body == null || !body.isObject()) {
            return null;
        }
        return Json.toBinary(body.hasNonNull("customStatus") ? body.get("customStatus") : body.get("percentComplete"));
    }

    /**
     * Whether the operation was refused because another one held what it needed (a single-flight lock): the
     * runtime status {@code Conflict} of adfkit's server, a status monitor {@code Failed} with the error code
     * {@code Conflict}, or a start answered HTTP 409. {@code runWithResubmit} starts such an operation again.
     *
     * @return {@code true} for a conflict refusal
     */
    public boolean isConflict() {
        if (OperationRuntimeStatus.CONFLICT.equals(status)) {
            return true;
        }
        if (!OperationRuntimeStatus.FAILED.equals(status) || body == null || !body.isObject()) {
            return false;
        }
        return "conflict".equalsIgnoreCase(body.path("error").path("code").asText(""));
    }

    /**
     * @return the body as a Durable Functions instance status, or {@code null} when it has no {@code runtimeStatus}
     */
    public DurableOrchestrationStatus getDurableStatus() {
        return hasField("runtimeStatus") ? convert(body, DurableOrchestrationStatus.class) : null;
    }

    /**
     * @return the body as an {@code {id, status, result, error}} status monitor, or {@code null} when it has no
     *     {@code status} (or is a Durable status)
     */
    public OperationStatusMonitor getStatusMonitor() {
        return !hasField("runtimeStatus") && hasField("status") ? convert(body, OperationStatusMonitor.class) : null;
    }

    /**
     * The operation's result: the resource fetched after the operation succeeded ({@link #getResourceUrl()}), the
     * Durable {@code output}, the status monitor's {@code result}, or the whole body when it is neither shape.
     *
     * @return the result as JSON, or {@code null} when there is none
     */
    public BinaryData getResult() {
        return Json.toBinary(result());
    }

    private JsonNode result() {
        JsonNode result;
        if (resourceUrl != null) {
            result = resource;
        } else if (hasField("runtimeStatus")) {
            result = body.get("output");
        } else if (hasField("status")) {
            result = body.get("result");
        } else {
            result = body;
        }
        return result == null || result.isNull() || result.isMissingNode() ? null : result;
    }

    /**
     * The operation's result ({@link #getResult()}) converted to a type.
     *
     * @param type the type to read
     * @param <T> the result type
     * @return the result, or {@code null} when there is none
     * @throws IllegalArgumentException if the result cannot be read as {@code type}
     */
    public <T> T getResult(Class<T> type) {
        Objects.requireNonNull(type, "'type' cannot be null.");
        JsonNode result = result();
        return result == null ? null : convert(result, type);
    }

    private boolean hasField(String name) {
        return body != null && body.isObject() && body.hasNonNull(name) && body.get(name).isValueNode();
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException notReadable) {
            throw new IllegalArgumentException("The result of the operation at " + Redaction.url(statusUrl)
                + " cannot be read as " + type.getSimpleName() + ": " + Redaction.text(notReadable.getOriginalMessage()),
                notReadable);
        }
    }

    @Override
    public String toString() {
        return "OperationStatus{status=" + status + ", httpStatusCode=" + httpStatusCode + ", statusUrl="
            + Redaction.url(statusUrl) + (resourceUrl == null ? "" : ", resourceUrl=" + Redaction.url(resourceUrl))
            + '}';
    }
}
