package io.github.adfkit.examples.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AzureFunctionsAdapter;

import java.util.Optional;

/**
 * Seed 004 as an Azure Functions app: {@code GET /api/predict?tenureMonths=3&monthlyCharges=95&supportTickets=4}
 * or {@code POST /api/predict} with the same values as a JSON object.
 */
public class PredictionFunctions {
    private static final PredictionApi API = new PredictionApi(LogisticRegressionModel.churn());

    /**
     * The prediction endpoint.
     *
     * @param request the HTTP request
     * @return the prediction, or a 400 that names the bad feature
     */
    @FunctionName("predict")
    public HttpResponseMessage predict(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.FUNCTION, route = "predict") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, API);
    }
}
