package io.github.adfkit.durable.server.implementation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.durable.server.OperationRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The submitted parameters of an operation as stored with it ({@code {"query": {...}, "body": "..."}}), so that a
 * host that re-runs the operation can validate them again. Never shown to callers.
 */
public final class SubmittedParameters {
    private static final String QUERY = "query";
    private static final String BODY = "body";

    private SubmittedParameters() {
    }

    /**
     * @param request what the caller submitted
     * @return it as JSON, with the query parameters in name order (so the same input always gives the same text)
     */
    public static String toJson(OperationRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode query = root.putObject(QUERY);
        new TreeMap<>(request.getQueryParameters()).forEach((name, values) -> {
            ArrayNode array = query.putArray(name);
            values.forEach(array::add);
        });
        root.put(BODY, request.getBody());
        return root.toString();
    }

    /**
     * @param json what {@link #toJson(OperationRequest)} wrote
     * @return the request again
     */
    public static OperationRequest fromJson(String json) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            Map<String, List<String>> query = new LinkedHashMap<>();
            root.path(QUERY).fields().forEachRemaining(field -> {
                List<String> values = new ArrayList<>();
                field.getValue().forEach(value -> values.add(value.asText()));
                query.put(field.getKey(), values);
            });
            return OperationRequest.of(query, root.path(BODY).asText(""));
        } catch (JsonProcessingException corrupt) {
            throw new AdfkitException("The stored parameters of an operation are not valid JSON.", corrupt);
        }
    }
}
