package io.github.adfkit.examples.functions;

import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PredictionFunctionsTest {
    private final PredictionApi api = new PredictionApi(LogisticRegressionModel.churn());

    @Test
    void aShortTenureCustomerWithManyTicketsIsPredictedToChurn() {
        HostResponse response = api.handle(get("?tenureMonths=2&monthlyCharges=105&supportTickets=5"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getBodyAsString()).contains("\"prediction\":\"churn\"").contains("\"model\":\"churn-v1\"");
    }

    @Test
    void aLongStandingQuietCustomerIsPredictedToStay() {
        HostResponse response = api.handle(post("{\"tenureMonths\": 60, \"monthlyCharges\": 40, \"supportTickets\": 0}"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getBodyAsString()).contains("\"prediction\":\"stay\"");
    }

    @Test
    void theProbabilityIsTheLogisticOfTheStandardisedWeights() {
        LogisticRegressionModel model = LogisticRegressionModel.churn();
        double atTheMeans = model.probability(model.parse(java.util.Map.of("tenureMonths", "24",
            "monthlyCharges", "64", "supportTickets", "1.2")));
        assertThat(atTheMeans).isCloseTo(1 / (1 + Math.exp(1.35)), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingOrNonNumericFeaturesAreA400ThatNamesThem() {
        assertThat(api.handle(get("?tenureMonths=2&monthlyCharges=105")).getBodyAsString())
            .contains("Missing feature 'supportTickets'");
        HostResponse notANumber = api.handle(post("{\"tenureMonths\": \"two\", \"monthlyCharges\": 1, "
            + "\"supportTickets\": 1}"));
        assertThat(notANumber.getStatus()).isEqualTo(400);
        assertThat(notANumber.getBodyAsString()).contains("'tenureMonths' must be a number");
        assertThat(api.handle(post("[1,2,3]")).getStatus()).isEqualTo(400);
        assertThat(api.handle(HostRequest.of("DELETE", URI.create("https://fn/api/predict"), null, null, null))
            .getStatus()).isEqualTo(405);
    }

    private static HostRequest get(String query) {
        return HostRequest.of("GET", URI.create("https://fn/api/predict" + query), null, null, null);
    }

    private static HostRequest post(String body) {
        return HostRequest.of("POST", URI.create("https://fn/api/predict"), null,
            body.getBytes(StandardCharsets.UTF_8), null);
    }
}
