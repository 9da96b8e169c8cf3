package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;

import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * Scores the customer described by the request.
     *
     * @param request {@code GET} with the features as query parameters, or {@code POST} with a JSON object
     * @return 200 with the model's name, the probability and the prediction; 400 naming a bad feature; 405
     */
    @Override
    public HostResponse handle(HostRequest request) {
        Map<String, Double> values;
        try {
            switch (request.getMethod()) {
                case "GET" -> {
                    Map<String, String> raw = new HashMap<>();
                    model.featureNames().forEach(name -> raw.put(name, request.getQueryParameter(name)));
                    values = model.parse(raw);
                }
                case "POST" -> values = model.parse(json(request.getBodyAsString()));
                default -> {
                    return HostResponse.error(405, "Use GET with query parameters or POST with a JSON object.")
                        .withHeader("Allow", "GET, POST");
                }
            }
        } catch (IllegalArgumentException badInput) {
            return HostResponse.error(400, badInput.getMessage());
        }
        LogisticRegressionModel.Prediction prediction = model.predict(values);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model.name());
        body.put("probability", prediction.probability());
        body.put("prediction", prediction.prediction());
        return HostResponse.json(200, body);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("The body must be a JSON object of feature values.");
        }
    }
}
