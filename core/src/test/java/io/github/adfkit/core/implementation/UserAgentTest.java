package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Context;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentTest {
    @Test
    void theUserAgentCarriesTheVersionOfTheBuildAndTheApplicationId() {
        AtomicReference<String> sent = new AtomicReference<>();
        HttpClient recording = request -> {
            sent.set(request.getHeaders().getValue(HttpHeaderName.USER_AGENT));
            return Mono.just(noContent(request));
        };

        new HttpPipelineFactory().httpClient(recording)
            .clientOptions(new ClientOptions().setApplicationId("nightly-etl")).build().sendSync(new HttpRequest(HttpMethod.GET, "http://127.0.0.1/ping"), Context.NONE).close();

        String expected = System.getProperty("adfkit.build.version");
        assertThat(expected).as("surefire passes the project version").isNotBlank();
        assertThat(SdkVersion.VERSION).isEqualTo(expected);
        assertThat(sent.get()).startsWith("nightly-etl azsdk-java-adfkit/" + expected + " ");
    }

    private static HttpResponse noContent(HttpRequest request) {
        return new HttpResponse(request) {
            @Override
            public int getStatusCode() {
                return 204;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return null;
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
            }
        };
    }
}
