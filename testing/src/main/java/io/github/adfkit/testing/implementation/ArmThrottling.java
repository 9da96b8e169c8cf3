package io.github.adfkit.testing.implementation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.arm.ArmThrottleLimits;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARM's subscription throttling on a fake's clock, as "Understand how Azure Resource Manager throttles requests"
 * (Azure Resource Manager documentation, sections "Regional throttling and token bucket algorithm", "Error code" and
 * "Remaining requests") describes it: a token bucket per subscription and operation type (reads: 250 tokens, refilled
 * by 25 each second; writes and deletes: 200, refilled by 10), each request takes a token, and a request that finds
 * its bucket empty gets {@code 429} with {@code Retry-After} (the seconds until the next refill) and an error
 * {@code SubscriptionRequestsThrottled}; a request sent before that time has passed is refused with a new
 * {@code Retry-After}. Answers carry {@code x-ms-ratelimit-remaining-subscription-reads} (or {@code -writes},
 * {@code -deletes}). The fake has one region and counts every principal together. Requests without a subscription
 * in their path (tenant level) are not throttled.
 */
public final class ArmThrottling {
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/?]+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<UUID, String[]> remainingHeaders = new ConcurrentHashMap<>();
    private volatile ArmThrottleLimits limits;
    private volatile Supplier<Instant> clock;
    private int throttled;
    private int sentBeforeRetryAfter;


    /**
     * Starts throttling; the buckets start full.
     *
     * @param fakeClock the fake's time
     * @param newLimits the buckets
     */
    public synchronized void enable(Supplier<Instant> fakeClock, ArmThrottleLimits newLimits) {
        this.clock = Objects.requireNonNull(fakeClock, "'clock' cannot be null.");
        this.limits = Objects.requireNonNull(newLimits, "'limits' cannot be null.");
        buckets.clear();
    }

    /**
     * @return how many requests were answered with a throttling {@code 429}
     */
    public synchronized int throttledCount() {
        return throttled;
    }

    /**
     * @return how many requests came before the {@code Retry-After} their bucket had given had passed
     */
    public synchronized int sentBeforeRetryAfterCount() {
        return sentBeforeRetryAfter;
    }

    /**
     * Takes a token for the request.
     *
     * @param request the request
     * @param serveEvent its serve event, whose id marks the remaining-requests header for the transformer
     * @return {@code null} to let it through, or the {@code 429} to answer with
     */
    public ResponseDefinition decide(Request request, ServeEvent serveEvent) {
        ArmThrottleLimits current = limits;
        if (current == null) {
            return null;
        }
        Matcher subscription = SUBSCRIPTION.matcher(URI.create(request.getUrl()).getRawPath());
        if (!subscription.find()) {
            return null;
        }
        String method = request.getMethod().getName();
        String kind = "GET".equals(method) || "HEAD".equals(method) ? "reads" : "DELETE".equals(method) ? "deletes"
            : "writes";
        String header = "x-ms-ratelimit-remaining-subscription-" + kind;
        Instant now = clock.get();
        synchronized (this) {
            Bucket bucket = buckets.computeIfAbsent(subscription.group(1).toLowerCase(Locale.ROOT) + "|" + kind,
                ignored -> new Bucket(size(current, kind), refill(current, kind), now));
            bucket.refill(now);
            if (now.isBefore(bucket.retryAt) && now.isAfter(bucket.throttledAt)) {
                sentBeforeRetryAfter++;
            } else if (bucket.tokens > 0) {
                bucket.tokens--;
                remainingHeaders.put(serveEvent.getId(), new String[] {header, Integer.toString(bucket.tokens)});
                return null;
            }
            throttled++;
            if (!now.isBefore(bucket.retryAt)) {
                bucket.throttledAt = now;
            }
            bucket.retryAt = bucket.refilledAt.plus(SECOND);
            long seconds = Math.max(1, (long) Math.ceil(Duration.between(now, bucket.retryAt).toMillis() / 1000.0));
            return throttledAnswer(header, kind, subscription.group(1), seconds);
        }
    }

    /**
     * The global response transformer that adds the remaining-requests header to answers let through.
     *
     * @return the transformer
     */
    public Extension headerTransformer() {
        return new ResponseTransformerV2() {
            @Override
            public Response transform(Response response, ServeEvent serveEvent) {
                String[] header = remainingHeaders.remove(serveEvent.getId());
                return header == null ? response : Response.Builder.like(response)
                    .headers(response.getHeaders().plus(new HttpHeader(header[0], header[1]))).build();
            }

            @Override
            public String getName() {
                return "adfkit-arm-throttling-headers";
            }
        };
    }

    private static ResponseDefinition throttledAnswer(String header,
        String kind, String subscription, long seconds) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("code", "SubscriptionRequestsThrottled").put("message", "Number of '"
            + kind.substring(0, kind.length() - 1) + "' requests for subscription '" + subscription
            + "' exceeded. Please try again after '" + seconds + "' seconds.");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withHeader("Retry-After", Long.toString(seconds))
            .withHeader(header, "0")
            .withBody(body.toString()).build();
    }

    private static int size(ArmThrottleLimits limits, String kind) {
        return switch (kind) {
            case "reads" -> limits.readBucket();
            case "deletes" -> limits.deleteBucket();
            default -> limits.writeBucket();
        };
    }

    private static int refill(ArmThrottleLimits limits, String kind) {
        return switch (kind) {
            case "reads" -> limits.readRefillPerSecond();
            case "deletes" -> limits.deleteRefillPerSecond();
            default -> limits.writeRefillPerSecond();
        };
    }

    /**
     * One token bucket, refilled at each whole second since it was created.
     */
    private static final class Bucket {
        private final int size;
        private final int refillPerSecond;
        private int tokens;
        private Instant refilledAt;
        private Instant retryAt;
        private Instant throttledAt;

        private Bucket(int size, int refillPerSecond, Instant now) {
            this.size = size;
            this.refillPerSecond = refillPerSecond;
            this.tokens = size;
            this.refilledAt = now;
            this.retryAt = now;
            this.throttledAt = now;
        }

        private void refill(Instant now) {
            long seconds = Duration.between(refilledAt, now).getSeconds();
            if (seconds > 0) {
                tokens = (int) Math.min(size, tokens + seconds * refillPerSecond);
                refilledAt = refilledAt.plusSeconds(seconds);
            }
        }
    }
}
