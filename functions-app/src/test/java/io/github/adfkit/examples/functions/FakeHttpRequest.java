package io.github.adfkit.examples.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP trigger's request as the Functions runtime hands it to a {@code @FunctionName} method, and the response
 * that method builds, so that tests call the functions themselves.
 */
final class FakeHttpRequest implements HttpRequestMessage<Optional<String>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "https://adfkit-example.azurewebsites.net";

    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Optional<String> body;

    private FakeHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, Optional<String> body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /** A request without a body to a path (with its query) on the app, such as {@code /api/predict?x=1}. */
    static FakeHttpRequest of(HttpMethod method, String pathAndQuery) {
        return new FakeHttpRequest(method, URI.create(pathAndQuery.startsWith("http") ? pathAndQuery
            : HOST + pathAndQuery), Map.of(), Optional.empty());
    }

    /** A JSON POST to a path on the app. */
    static FakeHttpRequest post(String pathAndQuery, String json) {
        return of(HttpMethod.POST, pathAndQuery).withHeader("Content-Type", "application/json").withBody(json);
    }

    FakeHttpRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeHttpRequest(method, uri, Map.copyOf(more), body);
    }

    FakeHttpRequest withBody(String text) {
        return new FakeHttpRequest(method, uri, headers, Optional.of(text));
    }

    /** The body the function answered, as text ({@code ""} for none). */
    static String bodyOf(HttpResponseMessage response) {
        Object sent = response.getBody();
        return sent == null ? "" : sent.toString();
    }

    /** The body the function answered, read as JSON. */
    static JsonNode jsonOf(HttpResponseMessage response) {
        try {
            return JSON.readTree(bodyOf(response));
        } catch (IOException notJson) {
            throw new UncheckedIOException("The response body is not JSON: " + bodyOf(response), notJson);
        }
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .forEach(pair -> query.putIfAbsent(decode(pair[0]), pair.length > 1 ? decode(pair[1]) : ""));
        }
        return query;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new AnswerBuilder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new AnswerBuilder(status);
    }

    @Override
    public Optional<String> getBody() {
        return body;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The response a function built: its status, headers (names in any case) and body. */
    private record Answer(int code, Map<String, String> headers, Object body) implements HttpResponseMessage {
        @Override
        public HttpStatusType getStatus() {
            return HttpStatusType.custom(code);
        }

        @Override
        public String getHeader(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public Object getBody() {
            return body;
        }
    }

    /** Builds an {@link Answer}, one immutable step at a time. */
    private static final class AnswerBuilder implements HttpResponseMessage.Builder {
        private Answer answer;

        private AnswerBuilder(HttpStatusType status) {
            answer = new Answer(status.value(), Map.of(), null);
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType status) {
            answer = new Answer(status.value(), answer.headers(), answer.body());
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(answer.headers());
            more.put(name, value);
            answer = new Answer(answer.code(), Map.copyOf(more), answer.body());
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object value) {
            answer = new Answer(answer.code(), answer.headers(), value);
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return answer;
        }
    }
}
