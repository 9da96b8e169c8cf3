package io.github.adfkit.core.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.implementation.Json;

import java.util.Objects;

/**
 * The body of an ADF WebHook callback, exactly as ADF reads it:
 * {@code {"Output": {...}, "Error": {"ErrorCode": "...", "Message": "..."}, "StatusCode": "..."}}.
 *
 * <p>With {@code reportStatusOnCallBack: true} on the activity, a {@code StatusCode} of 400 or more fails the
 * activity with the {@code Error}; without it, the activity succeeds either way and a later activity can read the
 * body from the activity output.</p>
 *
 * <pre>{@code
 * CallbackPayload ok = CallbackPayload.success(Map.of("rows", 1200));
 * CallbackPayload failed = CallbackPayload.failure("ContainerExitedWithError", "Exit code 3: input file missing");
 * }</pre>
 */
@Immutable
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Output", "Error", "StatusCode"})
public final class CallbackPayload {
    /** The status code a success reports. */
    public static final int SUCCESS_STATUS = 200;
    /** The status code a failure reports unless another is given. */
    public static final int DEFAULT_FAILURE_STATUS = 500;

    @JsonProperty("Output")
    private final ObjectNode output;
    @JsonProperty("Error")
    private final CallbackError error;
    @JsonProperty("StatusCode")
    private final String statusCode;

    private CallbackPayload(ObjectNode output, CallbackError error, int statusCode) {
        this.output = output;
        this.error = error;
        this.statusCode = Integer.toString(statusCode);
    }

    /**
     * A success: {@code StatusCode} 200 and the given output.
     *
     * @param output anything that serializes to a JSON object (a map, a record, a {@code BinaryData} holding an object); {@code null}
     *     for an empty object
     * @return the payload
     * @throws IllegalArgumentException if the output does not serialize to a JSON object
     */
    public static CallbackPayload success(Object output) {
        return new CallbackPayload(toObject(output), null, SUCCESS_STATUS);
    }

    /**
     * A failure with {@code StatusCode} 500 and no output.
     *
     * @param errorCode a short machine-readable code
     * @param message what went wrong
     * @return the payload
     */
    public static CallbackPayload failure(String errorCode, String message) {
        return failure(new CallbackError(errorCode, message), DEFAULT_FAILURE_STATUS, null);
    }

    /**
     * A failure with a chosen status code and output.
     *
     * @param error the code and message
     * @param statusCode 400 to 599, so that ADF fails the activity
     * @param output anything that serializes to a JSON object; {@code null} for an empty object
     * @return the payload
     * @throws IllegalArgumentException if the status code is outside 400–599 or the output is not an object
     */
    public static CallbackPayload failure(CallbackError error, int statusCode, Object output) {
        Objects.requireNonNull(error, "'error' cannot be null.");
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("A failure's 'statusCode' must be 400-599 so that ADF fails the "
                + "activity; was " + statusCode + ".");
        }
        return new CallbackPayload(toObject(output), error, statusCode);
    }

    /**
     * @return the {@code Output} object as JSON
     */
    @JsonIgnore
    public BinaryData getOutput() {
        return Json.toBinary(output);
    }

    /**
     * @return the error, or {@code null} for a success
     */
    @JsonIgnore
    public CallbackError getError() {
        return error;
    }

    /**
     * @return the status code, as the string ADF expects
     */
    @JsonIgnore
    public String getStatusCode() {
        return statusCode;
    }

    /**
     * @return {@code true} if this payload reports a failure
     */
    @JsonIgnore
    public boolean isFailure() {
        return error != null;
    }

    /**
     * @return the JSON text sent to the {@code callBackUri}
     */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A callback payload could not be serialized.", impossible);
        }
    }

    private static ObjectNode toObject(Object output) {
        if (output == null) {
            return Json.mapper().createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.mapper().valueToTree(output);
        } catch (IllegalArgumentException notSerializable) {
            throw new IllegalArgumentException("The callback output could not be serialized to JSON: "
                + notSerializable.getMessage(), notSerializable);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("The callback 'Output' must be a JSON object (a map or a record); got "
                + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ". Wrap the value, for example "
                + "Map.of(\"result\", value).");
        }
        return object.deepCopy();
    }

    @Override
    public String toString() {
        return "CallbackPayload{StatusCode=" + statusCode + ", error=" + error + '}';
    }
}
