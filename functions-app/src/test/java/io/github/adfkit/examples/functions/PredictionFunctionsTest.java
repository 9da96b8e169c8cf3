package io.github.adfkit.examples.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.adfkit.examples.functions.FakeHttpRequest.bodyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PredictionFunctionsTest {
    private final PredictionFunctions functions = new PredictionFunctions();

    @Test
    void aShortTenureCustomerWithManyTicketsIsPredictedToChurnOnGet() {
        HttpResponseMessage response = functions.predict(FakeHttpRequest.of(HttpMethod.GET,
            "/api/predict?tenureMonths=2&monthlyCharges=105&supportTickets=5"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(bodyOf(response)).contains("\"prediction\":\"churn\"").contains("\"model\":\"churn-v1\"");
    }

    @Test
    void aLongStandingQuietCustomerIsPredictedToStayOnPost() {
        HttpResponseMessage response = functions.predict(FakeHttpRequest.post("/api/predict",
            "{\"tenureMonths\": 60, \"monthlyCharges\": 40, \"supportTickets\": 0}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(bodyOf(response)).contains("\"prediction\":\"stay\"");
    }

    @Test
    void theProbabilityIsTheLogisticOfTheStandardisedWeights() {
        LogisticRegressionModel model = LogisticRegressionModel.churn();
        double atTheMeans = model.probability(model.parse(Map.of("tenureMonths", "24", "monthlyCharges", "64",
            "supportTickets", "1.2")));
        assertThat(atTheMeans).isCloseTo(1 / (1 + Math.exp(1.35)), offset(1e-9));
    }

    @Test
    void missingOrNonNumericFeaturesAreA400ThatNamesThem() {
        assertRefused(FakeHttpRequest.of(HttpMethod.GET, "/api/predict?tenureMonths=2&monthlyCharges=105"),
            "Missing feature 'supportTickets'");
        assertRefused(FakeHttpRequest.post("/api/predict",
            "{\"tenureMonths\": \"two\", \"monthlyCharges\": 1, \"supportTickets\": 1}"),
            "'tenureMonths' must be a number");
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400AndOtherMethodsA405() {
        assertRefused(FakeHttpRequest.post("/api/predict", "[1,2,3]"), "JSON object of feature values");
        assertRefused(FakeHttpRequest.post("/api/predict", "not json"), "JSON object of feature values");
        HttpResponseMessage delete = functions.predict(FakeHttpRequest.of(HttpMethod.DELETE, "/api/predict"));
        assertThat(delete.getStatusCode()).isEqualTo(405);
        assertThat(delete.getHeader("Allow")).isEqualTo("GET, POST");
    }

    private void assertRefused(FakeHttpRequest request, String reason) {
        HttpResponseMessage response = functions.predict(request);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(response)).contains(reason);
    }
}
