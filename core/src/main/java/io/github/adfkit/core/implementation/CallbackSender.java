package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.models.CallbackPayload;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends the attempts of callback deliveries: checks the URI against the policy once, serializes the payload once,
 * and builds the same request for every attempt.
 */
public final class CallbackSender {
    private final HttpPipeline pipeline;
    private final CallbackUriPolicy policy;
    private final Backoff backoff;
    private final Duration deadline;
    private final SchedulingClock clock;
    private final Telemetry telemetry;

    /**
     * @param pipeline the HTTP pipeline, without a retry policy
     * @param policy which callback URIs may be called
     * @param backoff delays between attempts
     * @param deadline how long a delivery keeps trying
     * @param clock the clock
     * @param telemetry where each delivery's span and counters go
     */
    public CallbackSender(HttpPipeline pipeline, CallbackUriPolicy policy, Backoff backoff, Duration deadline,
        SchedulingClock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.pipeline = pipeline;
        this.policy = policy;
        this.backoff = backoff;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * Starts a delivery.
     *
     * @param callbackUri the URI to call
     * @param payload the body
     * @return the delivery's state
     */
    public Attempts start(String callbackUri, CallbackPayload payload) {
        Objects.requireNonNull(payload, "'payload' cannot be null.");
        URI uri = policy.check(callbackUri);
        byte[] body = payload.toJson().getBytes(StandardCharsets.UTF_8);
        return new Attempts(uri, body, new CallbackDelivery(Redaction.url(uri.toString()), backoff, clock, deadline,
            telemetry));
    }

    /**
     * Sends one attempt and blocks for the response.
     *
     * @param attempts the delivery
     * @param context the pipeline context
     * @return the response
     */
    public HttpResponse sendSync(Attempts attempts, Context context) {
        attempts.delivery().attempting();
        return pipeline.sendSync(attempts.request(), context == Context.NONE ? attempts.delivery().context() : context);
    }

    /**
     * Sends one attempt without blocking.
     *
     * @param attempts the delivery
     * @return the response
     */
    public Mono<HttpResponse> send(Attempts attempts) {
        return Mono.defer(() -> {
            attempts.delivery().attempting();
            return pipeline.send(attempts.request(), attempts.delivery().context());
        });
    }

    /**
     * @return the clock deliveries wait on
     */
    public SchedulingClock clock() {
        return clock;
    }

    /**
     * One delivery: where, what, and its decisions so far.
     *
     * @param uri the checked callback URI
     * @param body the serialized payload
     * @param delivery the decisions
     */
    public record Attempts(URI uri, byte[] body, CallbackDelivery delivery) {
        HttpRequest request() {
            return new HttpRequest(HttpMethod.POST, uri.toString())
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setBody(BinaryData.fromBytes(body));
        }
    }
}
