package io.github.adfkit.benchmarks.asyncserver;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests a {@code TableClient} sends (each retry too), so a benchmark can say how many Table requests a
 * round trip cost.
 */
final class TableRequestCounter implements HttpPipelinePolicy {
    private final AtomicLong requests = new AtomicLong();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        requests.incrementAndGet();
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        requests.incrementAndGet();
        return next.processSync();
    }

    long requests() {
        return requests.get();
    }

    void reset() {
        requests.set(0);
    }
}
