package io.github.adfkit.testing.implementation;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What every ARM fake does before its stubs see a request: refuse requests without a bearer token (401, as ARM
 * does), then fail a configured fraction of requests (429 with {@code Retry-After: 1}, or a 5xx). Refused and failed
 * requests are still recorded in WireMock's request journal.
 */
public final class ArmRequestFilter implements StubRequestFilterV2 {
    private static final Duration THROTTLE_RETRY_AFTER = Duration.ofSeconds(1);

    private final FaultInjector faults = new FaultInjector();
    private volatile boolean bearerTokenRequired = true;

    @Override
    public String getName() {
        return "adfkit-arm-request-filter";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (bearerTokenRequired && !hasBearerToken(request)) {
            return RequestFilterAction.stopWith(JsonErrorResponses.error(401,
                "Authentication failed. The 'Authorization' header is missing or is not a bearer token.", null));
        }
        OptionalInt fault = faults.next();
        if (fault.isEmpty()) {
            return RequestFilterAction.continueWith(request);
        }
        int status = fault.getAsInt();
        return RequestFilterAction.stopWith(JsonErrorResponses.error(status,
            "Fault injected by the adfkit ARM fake.", status == 429 ? THROTTLE_RETRY_AFTER : null));
    }

    /**
     * The fault injector shared by every request to this fake.
     *
     * @return the injector
     */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * Turns the bearer-token check on or off.
     *
     * @param required whether requests without {@code Authorization: Bearer ...} are refused with 401
     */
    public void requireBearerToken(boolean required) {
        this.bearerTokenRequired = required;
    }

    private static boolean hasBearerToken(Request request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            && authorization.length() > 7;
    }
}
