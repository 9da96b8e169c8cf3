package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.net.URL;

/**
 * Narrates every request adfkit's {@code AsyncOperationClient} sends (the submit and each status poll) with the
 * answer's status and {@code Retry-After}, so the tour shows the polling as it happens. Only the path is shown:
 * status URLs of other services carry {@code code=} keys in their query.
 */
final class RequestNarration implements HttpPipelinePolicy {
    private final Narrator narrator;

    /**
     * @param narrator where the lines go
     */
    RequestNarration(Narrator narrator) {
        this.narrator = narrator;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        URL url = context.getHttpRequest().getUrl();
        String call = context.getHttpRequest().getHttpMethod() + " " + url.getPath();
        return next.process().doOnNext(response -> {
            String retryAfter = response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER);
            narrator.event("  client: " + call + " -> " + response.getStatusCode()
                + (retryAfter == null ? "" : " (Retry-After: " + retryAfter + " s)"));
        });
    }
}
