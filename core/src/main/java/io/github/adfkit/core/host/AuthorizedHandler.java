package io.github.adfkit.core.host;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Arguments;
import io.github.adfkit.core.implementation.ClientRateLimiter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Puts caller authorisation in front of a handler: a request the check refuses is answered 401 and the handler never
 * runs. Failures are throttled per client address: after {@value #DEFAULT_FAILURES_PER_MINUTE} refusals a minute
 * (by default) the client is answered 429 with {@code Retry-After}, whatever it sends, so keys cannot be guessed. The
 * client address is the connection's peer, or the caller behind a {@linkplain TrustedProxies trusted proxy}.
 *
 * <pre>{@code
 * HostHandler jobs = new AuthorizedHandler(CallerAuthorization.functionKey(key)::isAuthorized, startJob);
 * }</pre>
 */
public final class AuthorizedHandler implements HostHandler {
    /** Refused attempts each client address may make per minute unless set otherwise. */
    public static final int DEFAULT_FAILURES_PER_MINUTE = 10;

    private final Predicate<HostRequest> authorization;
    private final HostHandler handler;
    private final TrustedProxies proxies;
    private final ClientRateLimiter failures;

    /**
     * Requires an authorised caller, with {@value #DEFAULT_FAILURES_PER_MINUTE} refusals per client per minute and
     * no trusted proxy.
     *
     * @param authorization whether a request's caller may call the handler
     * @param handler the endpoint
     */
    public AuthorizedHandler(Predicate<HostRequest> authorization, HostHandler handler) {
        this(authorization, handler, TrustedProxies.none(), DEFAULT_FAILURES_PER_MINUTE, SchedulingClock.system());
    }

    /**
     * Requires an authorised caller.
     *
     * @param authorization whether a request's caller may call the handler
     * @param handler the endpoint
     * @param proxies the proxies whose {@code X-Forwarded-For} names the client
     * @param failuresPerMinute refused attempts each client may make per minute (also its burst); positive
     * @param clock the time source of the throttle
     */
    public AuthorizedHandler(Predicate<HostRequest> authorization, HostHandler handler, TrustedProxies proxies,
        int failuresPerMinute, SchedulingClock clock) {
        this.authorization = Objects.requireNonNull(authorization, "'authorization' cannot be null.");
        this.handler = Objects.requireNonNull(handler, "'handler' cannot be null.");
        this.proxies = Objects.requireNonNull(proxies, "'proxies' cannot be null.");
        this.failures = new ClientRateLimiter(Arguments.requirePositive(failuresPerMinute, "failuresPerMinute"),
            Duration.ofMinutes(1), Objects.requireNonNull(clock, "'clock' cannot be null."));
    }

    @Override
    public HostResponse handle(HostRequest request) {
        String client = proxies.clientAddress(request);
        Duration wait = failures.waitBefore(client);
        if (wait.isZero() && authorization.test(request)) {
            return handler.handle(request);
        }
        if (wait.isZero()) {
            failures.tryAcquire(client);
            return HostResponse.error(401, "The caller is not authorised for this endpoint.");
        }
        String seconds = Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
        return HostResponse.error(429, "Too many refused attempts; wait " + seconds + " seconds.")
            .withHeader("Retry-After", seconds);
    }
}
