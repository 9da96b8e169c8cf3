package io.github.adfkit.core.host;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plugs a {@link HostHandler} into an Azure Functions Java HTTP trigger. The Functions library is a
 * {@code provided} dependency: the Functions host supplies it.
 *
 * <pre>{@code
 * @FunctionName("status")
 * public HttpResponseMessage status(@HttpTrigger(name = "req", methods = {HttpMethod.GET},
 *         route = "status/{id}") HttpRequestMessage<Optional<String>> request) {
 *     return AzureFunctionsAdapter.handle(request, asyncApi);
 * }
 * }</pre>
 */
public final class AzureFunctionsAdapter {
    private AzureFunctionsAdapter() {
    }

    /**
     * Answers a Functions request with a handler.
     *
     * @param request the trigger's request
     * @param handler the endpoint
     * @return the Functions response
     */
    public static HttpResponseMessage handle(HttpRequestMessage<Optional<String>> request, HostHandler handler) {
        HostRequest hostRequest = HostRequest.of(request.getHttpMethod().name(), withQuery(request),
            request.getHeaders(), request.getBody().map(body -> body.getBytes(StandardCharsets.UTF_8)).orElse(null),
            forwardedFor(request.getHeaders()));
        HostResponse response = HostResponses.safely(handler, hostRequest);
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.getStatus()));
        response.getHeaders().forEach(builder::header);
        byte[] body = response.getBody();
        if (body.length > 0) {
            builder.body(new String(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static URI withQuery(HttpRequestMessage<Optional<String>> request) {
        URI uri = request.getUri();
        if (uri.getRawQuery() != null || request.getQueryParameters().isEmpty()) {
            return uri;
        }
        String query = request.getQueryParameters().entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        return URI.create(uri + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /**
     * The client address as the Functions platform's front end saw it: the right-most {@code X-Forwarded-For} entry,
     * the one the front end appended (entries to its left come from the client and prove nothing), without a port.
     */
    private static String forwardedFor(Map<String, String> headers) {
        return headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("x-forwarded-for"))
            .map(e -> withoutPort(e.getValue().substring(e.getValue().lastIndexOf(',') + 1).trim()))
            .findFirst().orElse(null);
    }

    private static String withoutPort(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end < 0 ? address : address.substring(1, end);
        }
        int colon = address.indexOf(':');
        return colon >= 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
    }
}
