package io.github.adfkit.durable.server;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.github.adfkit.durable.BufferedHttpResponse;
import com.azure.core.util.BinaryData;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.core.host.HostHandler;
import reactor.core.publisher.Mono;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An azure-core {@link HttpClient} that hands each request, in this process, to a handler behind
 * {@link AzureFunctionsAdapter}, as the Functions runtime would: the request becomes an HTTP trigger's
 * {@link HttpRequestMessage}, and the {@link HttpResponseMessage} the adapter builds becomes the response. The trigger
 * objects are dynamic proxies of the Functions interfaces, holding only what the runtime would hand over.
 */
final class FunctionsHostHttpClient implements HttpClient {
    private final HostHandler handler;

    FunctionsHostHttpClient(HostHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> answer(request));
    }

    private HttpResponse answer(HttpRequest request) {
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().forEach(header -> headers.put(header.getName(), header.getValue()));
        Optional<String> body = Optional.ofNullable(request.getBodyAsBinaryData()).map(BinaryData::toString);
        HttpResponseMessage answered = AzureFunctionsAdapter.handle(trigger(request.getUrl().toString(),
            HttpMethod.value(request.getHttpMethod().name()), headers, body), handler);
        HttpHeaders answerHeaders = new HttpHeaders();
        for (String name : new String[] {"Content-Type", "Location", "Operation-Location", "Retry-After"}) {
            if (answered.getHeader(name) != null) {
                answerHeaders.set(HttpHeaderName.fromString(name), answered.getHeader(name));
            }
        }
        Object sent = answered.getBody();
        return new BufferedHttpResponse(request, answered.getStatusCode(), answerHeaders,
            sent == null ? "" : sent.toString());
    }

    @SuppressWarnings("unchecked")
    private static HttpRequestMessage<Optional<String>> trigger(String url, HttpMethod method,
        Map<String, String> headers, Optional<String> body) {
        return (HttpRequestMessage<Optional<String>>) Proxy.newProxyInstance(FunctionsHostHttpClient.class
            .getClassLoader(), new Class<?>[] {HttpRequestMessage.class}, (proxy, called, args) -> switch (called
            .getName()) {
                case "getUri" -> URI.create(url);
                case "getHttpMethod" -> method;
                case "getHeaders" -> headers;
                case "getQueryParameters" -> Map.of();
                case "getBody" -> body;
                case "createResponseBuilder" -> responseBuilder(((HttpStatusType) args[0]).value());
                default -> throw new UnsupportedOperationException(called.getName());
            });
    }

    private static HttpResponseMessage.Builder responseBuilder(int firstStatus) {
        int[] status = {firstStatus};
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Object[] body = {null};
        HttpResponseMessage built = (HttpResponseMessage) Proxy.newProxyInstance(FunctionsHostHttpClient.class
            .getClassLoader(), new Class<?>[] {HttpResponseMessage.class}, (proxy, called, args) -> switch (called
            .getName()) {
                case "getStatus" -> HttpStatusType.custom(status[0]);
                case "getStatusCode" -> status[0];
                case "getHeader" -> headers.get((String) args[0]);
                case "getBody" -> body[0];
                default -> throw new UnsupportedOperationException(called.getName());
            });
        return (HttpResponseMessage.Builder) Proxy.newProxyInstance(FunctionsHostHttpClient.class.getClassLoader(),
            new Class<?>[] {HttpResponseMessage.Builder.class}, (builder, called, args) -> {
                switch (called.getName()) {
                    case "status" -> status[0] = ((HttpStatusType) args[0]).value();
                    case "header" -> headers.put((String) args[0], (String) args[1]);
                    case "body" -> body[0] = args[0];
                    case "build" -> {
                        return built;
                    }
                    default -> throw new UnsupportedOperationException(called.getName());
                }
                return builder;
            });
    }
}
