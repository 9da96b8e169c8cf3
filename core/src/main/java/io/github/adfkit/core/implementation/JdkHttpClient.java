package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URISyntaxException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * adfkit's default azure-core {@link HttpClient}, on the JDK's {@code java.net.http} client. Unlike reactor-netty,
 * which logs request URLs (a callBackUri's {@code code=}, a status URL's key) at DEBUG and TRACE, the JDK client logs
 * nothing unless its own system properties ask for it, so raising log levels never shows a secret.
 */
public final class JdkHttpClient implements HttpClient {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    private final Duration responseTimeout;

    /**
     * @param responseTimeout how long to wait for a response
     */
    public JdkHttpClient(Duration responseTimeout) {
        this.client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.defer(() -> {
            java.net.http.HttpRequest.Builder builder;
            try {
                builder = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI()).timeout(responseTimeout);
            } catch (URISyntaxException notAUri) {
                return Mono.error(new IllegalArgumentException("The request URL is not a valid URI.", notAUri));
            }
            for (HttpHeader header : request.getHeaders()) {
                if (!RESTRICTED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                    header.getValuesList().forEach(value -> builder.header(header.getName(), value));
                }
            }
            BinaryData body = request.getBodyAsBinaryData();
            builder.method(request.getHttpMethod().name(), body == null ? BodyPublishers.noBody()
                : BodyPublishers.ofByteArray(body.toBytes()));
            return Mono.fromFuture(() -> client.sendAsync(builder.build(), BodyHandlers.ofByteArray()), true)
                .map(response -> new Response(request, response));
        });
    }

    /**
     * A response read whole into memory.
     */
    private static final class Response extends HttpResponse {
        private final int status;
        private final HttpHeaders headers = new HttpHeaders();
        private final byte[] body;

        Response(HttpRequest request, java.net.http.HttpResponse<byte[]> response) {
            super(request);
            this.status = response.statusCode();
            this.body = response.body() == null ? new byte[0] : response.body();
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!header.getKey().startsWith(":")) {
                    headers.set(HttpHeaderName.fromString(header.getKey()), header.getValue());
                }
            }
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return body.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return getBodyAsString(StandardCharsets.UTF_8);
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
