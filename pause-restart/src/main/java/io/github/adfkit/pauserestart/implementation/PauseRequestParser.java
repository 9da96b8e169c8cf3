package io.github.adfkit.pauserestart.implementation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * Reads the JSON body of a pause request from a pipeline into {@link PauseOptions}: {@code subscriptionId},
 * {@code resourceGroupName}, {@code factoryName}, {@code pipelineName} (required), {@code tenantId}, {@code data},
 * {@code expiresAfter} (ISO-8601, such as {@code PT72H}), {@code pauseIdParameterName}, {@code parameters} and
 * {@code emailMessage} (optional). Unknown fields are errors, so a typo is reported instead of ignored.
 */
public final class PauseRequestParser {
    private static final Set<String> FIELDS = Set.of("subscriptionId", "resourceGroupName", "factoryName",
        "pipelineName", "tenantId", "data", "expiresAfter", "pauseIdParameterName", "parameters", "emailMessage");

    private PauseRequestParser() {
    }

    /**
     * A parsed pause request.
     *
     * @param options what to pause with
     * @param emailMessage the text for the email snippet, or {@code null} for none
     */
    public record PauseRequest(PauseOptions options, String emailMessage) {
    }

    /**
     * @param body the request body
     * @return the request
     * @throws IllegalArgumentException with a message for the caller if the body is not a valid pause request
     */
    public static PauseRequest parse(String body) {
        JsonNode json;
        try {
            json = Json.strictMapper().readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("The body must be a JSON object: " + notJson.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object.");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown field '" + name + "'; the fields are " + FIELDS + ".");
            }
        }
        PipelineTarget target = new PipelineTarget(required(json, "subscriptionId"),
            required(json, "resourceGroupName"), required(json, "factoryName"), required(json, "pipelineName"))
            .withTenantId(optional(json, "tenantId"));
        PauseOptions options = new PauseOptions(target, Json.mapper().convertValue(json.get("data"), Object.class));
        String expiresAfter = optional(json, "expiresAfter");
        if (expiresAfter != null) {
            options.setExpiresAfter(duration(expiresAfter));
        }
        String parameterName = optional(json, "pauseIdParameterName");
        if (parameterName != null) {
            options.setPauseIdParameterName(parameterName);
        }
        JsonNode parameters = json.get("parameters");
        if (parameters != null && !parameters.isNull()) {
            if (!parameters.isObject()) {
                throw new IllegalArgumentException("'parameters' must be a JSON object.");
            }
            options.setParameters(Json.mapper().convertValue(parameters,
                new TypeReference<LinkedHashMap<String, Object>>() { }));
        }
        return new PauseRequest(options, optional(json, "emailMessage"));
    }

    private static String required(JsonNode json, String name) {
        String value = optional(json, name);
        if (value == null) {
            throw new IllegalArgumentException("'" + name + "' is required.");
        }
        return value;
    }

    private static String optional(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string.");
        }
        return value.asText();
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException("'expiresAfter' must be an ISO-8601 duration such as PT72H, was '"
                + text + "'.");
        }
    }
}
