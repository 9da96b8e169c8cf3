package io.github.adfkit.core.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AzureFunctionsAdapterTest {
    @Test
    void translatesTheFunctionsRequestAndResponse() {
        FakeRequest request = new FakeRequest(URI.create("https://fn.azurewebsites.net/api/submit"),
            Map.of("s", "10/10/2021", "e", "10/12/2021"), "{\"x\":1}");

        HttpResponseMessage response = AzureFunctionsAdapter.handle(request, hostRequest ->
            HostResponse.json(202, Map.of("s", hostRequest.getQueryParameter("s"), "body",
                hostRequest.getBodyAsString())).withHeader("Location", "https://fn/api/status/1"));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeader("Location")).isEqualTo("https://fn/api/status/1");
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat((String) response.getBody()).contains("\"s\":\"10/10/2021\"").contains("{\\\"x\\\":1}");
    }

    @Test
    void answersAFailingHandlerWith500() {
        FakeRequest request = new FakeRequest(URI.create("https://fn/api/x"), Map.of(), null);
        HttpResponseMessage response = AzureFunctionsAdapter.handle(request, r -> {
            throw new IllegalArgumentException("boom");
        });
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat((String) response.getBody()).doesNotContain("boom");
    }

    private record FakeRequest(URI uri, Map<String, String> query, String body)
        implements HttpRequestMessage<Optional<String>> {
        @Override
        public URI getUri() {
            return uri;
        }

        @Override
        public HttpMethod getHttpMethod() {
            return HttpMethod.POST;
        }

        @Override
        public Map<String, String> getHeaders() {
            return Map.of("x-forwarded-for", "203.0.113.9, 10.0.0.1");
        }

        @Override
        public Map<String, String> getQueryParameters() {
            return query;
        }

        @Override
        public Optional<String> getBody() {
            return Optional.ofNullable(body);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
            return createResponseBuilder((HttpStatusType) status);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
            return new FakeResponse(status);
        }
    }

    private static final class FakeResponse implements HttpResponseMessage.Builder, HttpResponseMessage {
        private HttpStatusType status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        FakeResponse(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType newStatus) {
            this.status = newStatus;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object newBody) {
            this.body = newBody;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return this;
        }

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public Object getBody() {
            return body;
        }
    }
}
