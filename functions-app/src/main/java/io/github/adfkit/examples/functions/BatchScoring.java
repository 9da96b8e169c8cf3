package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.durable.server.InvalidOperationInputException;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.OperationRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prediction API's batch variant, an operation kind named {@value #KIND}: {@code {"customers": [{...features...},
 * ...]}} in, one prediction per customer (in the same order) out. Every customer is checked before anything is
 * stored; a bad one is refused with a message that names its index and the feature.
 */
public final class BatchScoring {
    /** The operation kind's name, the last segment of the submit route. */
    public static final String KIND = "churn";
    /** The most customers one batch may hold. */
    public static final int MAX_CUSTOMERS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogisticRegressionModel model;

    private BatchScoring(LogisticRegressionModel model) {
        this.model = model;
    }

    /**
     * @param model the model that scores
     * @return the operation kind; safe to run again after a host failure, since scoring changes nothing
     */
    public static OperationKind<List<Map<String, Double>>> kind(LogisticRegressionModel model) {
        BatchScoring scoring = new BatchScoring(model);
        return OperationKind.of(KIND, scoring::validate, scoring::score).withRerunAfterHostFailure(true);
    }

    private List<Map<String, Double>> validate(OperationRequest request) {
        JsonNode customers = customers(request.getBody());
        List<Map<String, Double>> batch = new ArrayList<>(customers.size());
        for (int index = 0; index < customers.size(); index++) {
            try {
                batch.add(model.parse(customers.get(index)));
            } catch (IllegalArgumentException badCustomer) {
                throw new InvalidOperationInputException("customers[" + index + "]: " + badCustomer.getMessage());
            }
        }
        return batch;
    }

    private static JsonNode customers(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            root = null;
        }
        JsonNode customers = root == null ? null : root.get("customers");
        if (customers == null || !customers.isArray()) {
            throw new InvalidOperationInputException("Send a JSON object {\"customers\": [...]} with one object of "
                + "feature values per customer.");
        }
        if (customers.isEmpty() || customers.size() > MAX_CUSTOMERS) {
            throw new InvalidOperationInputException("Send 1 to " + MAX_CUSTOMERS + " customers; got "
                + customers.size() + ".");
        }
        return customers;
    }

    private Map<String, Object> score(List<Map<String, Double>> batch) throws InterruptedException {
        List<LogisticRegressionModel.Prediction> predictions = new ArrayList<>(batch.size());
        for (Map<String, Double> customer : batch) {
            if (Thread.interrupted()) {
                throw new InterruptedException("The batch was canceled.");
            }
            predictions.add(model.predict(customer));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.name());
        result.put("predictions", predictions);
        return result;
    }
}
