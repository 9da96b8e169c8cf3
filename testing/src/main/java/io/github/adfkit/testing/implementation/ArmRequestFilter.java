package io.github.adfkit.testing.implementation;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What every ARM fake does before its stubs see a request: refuse requests without a bearer token (401, as ARM
 * does), then, when switched on, throttle as ARM does ({@link ArmThrottling}), then inject the configured random
 * faults ({@link WireMockFaults}). Refused and failed requests are still
 * recorded in WireMock's request journal.
 */
public final class ArmRequestFilter implements StubRequestFilterV2 {
    private final WireMockFaults faults = new WireMockFaults("Fault injected by the adfkit ARM fake.");
    private final ArmThrottling throttling = new ArmThrottling();
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
        ResponseDefinition throttled = throttling.decide(request, serveEvent);
        return throttled != null ? RequestFilterAction.stopWith(throttled) : faults.decide(request, serveEvent);
    }

    /**
     * ARM's throttling, off until {@link ArmThrottling#enable}; register its {@link ArmThrottling#headerTransformer()}
     * too.
     *
     * @return the throttling
     */
    public ArmThrottling throttling() {
        return throttling;
    }

    /**
     * The faults shared by every request to this fake; register its {@link WireMockFaults#delayTransformer()} too.
     *
     * @return the faults
     */
    public WireMockFaults faults() {
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
