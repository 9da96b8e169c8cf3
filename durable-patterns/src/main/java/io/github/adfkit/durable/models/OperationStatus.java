package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;
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
 * <p>{@link #toString()} redacts the URL: status URLs often carry a {@code code=} key.</p>
 */
@Immutable
public final class OperationStatus {
    private final OperationRuntimeStatus status;
    private final int httpStatusCode;
    private final String statusUrl;
    private final JsonNode body;

    /**
     * Creates a status; adfkit creates these from responses, tests and custom pollers may create their own.
     *
     * @param status the state
     * @param httpStatusCode the HTTP code of the response
     * @param statusUrl the URL that answered
     * @param body the JSON body, or {@code null} when there was none
     */
    public OperationStatus(OperationRuntimeStatus status, int httpStatusCode, String statusUrl, JsonNode body) {
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.httpStatusCode = httpStatusCode;
        this.statusUrl = statusUrl;
        this.body = body;
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
    public JsonNode getBody() {
        return body;
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
     * The operation's result: the Durable {@code output}, the status monitor's {@code result}, or the whole body when
     * it is neither shape.
     *
     * @return the result, or {@code null} when there is none
     */
    public JsonNode getResult() {
        JsonNode result;
        if (hasField("runtimeStatus")) {
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
     * @param type the type to read; {@code JsonNode.class} returns the tree as is
     * @param <T> the result type
     * @return the result, or {@code null} when there is none
     * @throws IllegalArgumentException if the result cannot be read as {@code type}
     */
    public <T> T getResult(Class<T> type) {
        Objects.requireNonNull(type, "'type' cannot be null.");
        JsonNode result = getResult();
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
            + Redaction.url(statusUrl) + '}';
    }
}
