package io.github.adfkit.testing.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

/**
 * Sends requests for a fake's {@code https} address to the fake over plain loopback http, and any other request
 * unchanged. Each rewritten request is a copy, so a retry passes the client's policies with the {@code https} URL
 * again.
 */
public final class HttpsToLoopbackClient implements HttpClient {
    private final HttpClient delegate;
    private final String httpsBase;
    private final String httpBase;

    /**
     * @param delegate the client that sends
     * @param httpsBase the fake's address as the client under test knows it, such as {@code https://localhost:8443}
     * @param httpBase where the fake listens, such as {@code http://localhost:8443}
     */
    public HttpsToLoopbackClient(HttpClient delegate, String httpsBase, String httpBase) {
        this.delegate = delegate;
        this.httpsBase = httpsBase;
        this.httpBase = httpBase;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return delegate.send(toLoopback(request));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(toLoopback(request), context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return delegate.sendSync(toLoopback(request), context);
    }

    private HttpRequest toLoopback(HttpRequest request) {
        String url = request.getUrl().toString();
        if (!url.startsWith(httpsBase)) {
            return request;
        }
        return request.copy().setUrl(httpBase + url.substring(httpsBase.length()));
    }
}
