package io.github.adfkit.durable.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.durable.models.OperationRuntimeStatus;

import java.io.IOException;

/**
 * A response body read as JSON: the tree, or a note that it was not JSON.
 *
 * @param node the tree, or {@code null} for an empty body or one that is not JSON
 * @param malformed whether the body was not JSON
 */
record JsonBody(JsonNode node, boolean malformed) {
    static JsonBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new JsonBody(null, false);
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return new JsonBody(node == null || node.isMissingNode() ? null : node, false);
        } catch (IOException notJson) {
            return new JsonBody(null, true);
        }
    }

    /**
     * @param field a top-level field
     * @return its text, or {@code null} when it is absent or not a string
     */
    String text(String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /**
     * @return the state the body reports: Durable's {@code runtimeStatus}, else a status monitor's {@code status};
     *     {@code null} when it has neither
     */
    OperationRuntimeStatus status() {
        String state = text("runtimeStatus");
        return OperationRuntimeStatus.fromString(state != null ? state : text("status"));
    }

    /**
     * @return whether the body is a status monitor ({@code status}, not Durable's {@code runtimeStatus}) that holds
     *     no {@code result}, so the result of a successful operation is elsewhere
     */
    boolean isMonitorWithoutResult() {
        if (text("runtimeStatus") != null || text("status") == null) {
            return false;
        }
        JsonNode result = node.get("result");
        return result == null || result.isNull();
    }
}
