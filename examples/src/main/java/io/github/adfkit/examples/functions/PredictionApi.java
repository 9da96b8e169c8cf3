package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Seed 004's prediction API: feature values in (query string on GET, JSON object on POST), the model's prediction
 * out. Bad input gets a 400 that names the feature.
 */
public final class PredictionApi implements HostHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogisticRegressionModel model;

    /**
     * @param model the model that answers
     */
    public PredictionApi(LogisticRegressionModel model) {
        this.model = model;
    }

    @Override
    public HostResponse handle(HostRequest request) {
        Map<String, String> raw;
        switch (request.getMethod()) {
            case "GET" -> {
                raw = new HashMap<>();
                model.featureNames().forEach(name -> raw.put(name, request.getQueryParameter(name)));
            }
            case "POST" -> {
                try {
                    raw = fromJson(request.getBodyAsString());
                } catch (IllegalArgumentException badBody) {
                    return HostResponse.error(400, badBody.getMessage());
                }
            }
            default -> {
                return HostResponse.error(405, "Use GET with query parameters or POST with a JSON object.")
                    .withHeader("Allow", "GET, POST");
            }
        }
        try {
            double probability = model.probability(model.parse(raw));
            return HostResponse.json(200, Map.of("model", model.name(), "probability", round(probability),
                "prediction", probability >= model.threshold() ? "churn" : "stay"));
        } catch (IllegalArgumentException badFeature) {
            return HostResponse.error(400, badFeature.getMessage());
        }
    }

    private Map<String, String> fromJson(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException notJson) {
            throw new IllegalArgumentException("The body must be a JSON object of feature values.");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object of feature values.");
        }
        Map<String, String> raw = new HashMap<>();
        for (String feature : model.featureNames()) {
            JsonNode value = node.get(feature);
            raw.put(feature, value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
        }
        return raw;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
