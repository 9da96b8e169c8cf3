package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small, real model: logistic regression over standardised features, with weights shipped as a JSON resource.
 *
 * @param name the model's name, returned with each prediction
 * @param intercept the bias term
 * @param threshold the probability from which the positive label is predicted
 * @param features the features in order, with their standardisation and weight
 */
public record LogisticRegressionModel(String name, double intercept, double threshold, List<Feature> features) {
    /**
     * One input feature.
     *
     * @param name the feature name callers send
     * @param mean the training mean
     * @param scale the training standard deviation
     * @param weight the coefficient on the standardised value
     */
    public record Feature(String name, double mean, double scale, double weight) {
    }

    /**
     * What the model says about one customer.
     *
     * @param probability the probability of churn, rounded to four decimals
     * @param prediction {@code churn} or {@code stay}
     */
    public record Prediction(double probability, String prediction) {
    }

    /**
     * Creates a model; used by Jackson when reading the weights file.
     *
     * @param name the model's name
     * @param intercept the bias term
     * @param threshold the decision threshold
     * @param features the features
     */
    @JsonCreator
    public LogisticRegressionModel(@JsonProperty("name") String name, @JsonProperty("intercept") double intercept,
        @JsonProperty("threshold") double threshold, @JsonProperty("features") List<Feature> features) {
        this.name = Objects.requireNonNull(name, "name");
        this.intercept = intercept;
        this.threshold = threshold;
        this.features = List.copyOf(features);
    }

    /**
     * Loads the churn model that ships with the example.
     *
     * @return the model
     */
    public static LogisticRegressionModel churn() {
        try (InputStream in = LogisticRegressionModel.class.getResourceAsStream("churn-model.json")) {
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Objects.requireNonNull(in, "churn-model.json is missing"), LogisticRegressionModel.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The model weights could not be read.", unreadable);
        }
    }

    /**
     * @param values one value per feature name
     * @return the probability of the positive class
     */
    public double probability(Map<String, Double> values) {
        double z = intercept;
        for (Feature feature : features) {
            z += feature.weight() * (values.get(feature.name()) - feature.mean()) / feature.scale();
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * Scores one customer.
     *
     * @param values one value per feature name, as returned by {@link #parse(Map)}
     * @return the probability, rounded to four decimals, and the predicted label
     */
    public Prediction predict(Map<String, Double> values) {
        double probability = probability(values);
        return new Prediction(Math.round(probability * 10_000) / 10_000.0,
            probability >= threshold ? "churn" : "stay");
    }

    /**
     * @return the feature names in order
     */
    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    /**
     * Reads feature values from a JSON object such as {@code {"tenureMonths": 3, "monthlyCharges": 95.5}}, refusing
     * anything else.
     *
     * @param object the JSON value sent for one customer
     * @return the parsed values
     * @throws IllegalArgumentException if the value is not an object, or naming the first missing or invalid feature
     */
    public Map<String, Double> parse(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("Send a JSON object of feature values " + featureNames() + ".");
        }
        Map<String, String> raw = new HashMap<>();
        for (String feature : featureNames()) {
            JsonNode value = object.get(feature);
            raw.put(feature, value == null || value.isNull() ? null : value.isValueNode() ? value.asText()
                : value.toString());
        }
        return parse(raw);
    }

    /**
     * Reads feature values from text, refusing missing and non-numeric ones.
     *
     * @param raw a value (or {@code null}) per feature name
     * @return the parsed values
     * @throws IllegalArgumentException naming the first missing or invalid feature
     */
    public Map<String, Double> parse(Map<String, String> raw) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String feature : featureNames()) {
            String text = raw.get(feature);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("Missing feature '" + feature + "'. Send " + featureNames() + ".");
            }
            try {
                double value = Double.parseDouble(text.trim());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException("not finite");
                }
                values.put(feature, value);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("Feature '" + feature + "' must be a number.");
            }
        }
        return values;
    }
}
