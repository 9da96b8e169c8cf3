package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;

/**
 * The caller checks and JSON answers the pipeline-facing endpoints share; none of the answers may be cached.
 */
public final class EndpointResponses {
    private EndpointResponses() {
    }

    /**
     * Puts the checks every pipeline-facing endpoint makes before it reads a request in front of it: 401 when
     * {@code authorization} refuses the caller (checked before anything else), 429 with {@code Retry-After} once a
     * client has been refused {@value AuthorizedHandler#DEFAULT_FAILURES_PER_MINUTE} times in a minute (whatever it
     * sends then), 405 for a method other than {@code allowed}. No answer may be cached.
     *
     * @param authorization who may call the endpoint
     * @param proxies the proxies whose {@code X-Forwarded-For} names the client the throttle counts
     * @param allowed the one method the endpoint answers
     * @param endpoint the endpoint, called only for an authorised caller with the allowed method
     * @return the guarded endpoint
     */
    public static HostHandler guarded(CallerAuthorization authorization, TrustedProxies proxies, String allowed,
        HostHandler endpoint) {
        HostHandler methodChecked = request -> allowed.equals(request.getMethod()) ? endpoint.handle(request)
            : methodNotAllowed(allowed);
        HostHandler authorized = new AuthorizedHandler(authorization::isAuthorized, methodChecked, proxies,
            AuthorizedHandler.DEFAULT_FAILURES_PER_MINUTE, SchedulingClock.system());
        return request -> noStore(authorized.handle(request));
    }

    /**
     * @param allowed the one method the endpoint answers
     * @return 405 with {@code Allow}
     */
    public static HostResponse methodNotAllowed(String allowed) {
        return noStore(HostResponse.error(405, "Use " + allowed + ".")).withHeader("Allow", allowed);
    }

    /**
     * @param message what was wrong with the request
     * @return 400
     */
    public static HostResponse badRequest(String message) {
        return noStore(HostResponse.error(400, message));
    }

    /**
     * @param consequence what did not happen, such as "nothing was paused"
     * @return 503 with {@code Retry-After}
     */
    public static HostResponse storageUnavailable(String consequence) {
        return noStore(HostResponse.error(503, "Storage is unavailable; " + consequence + ". Try again."))
            .withHeader("Retry-After", "10");
    }

    /**
     * @param response any response
     * @return it with {@code Cache-Control: no-store}
     */
    public static HostResponse noStore(HostResponse response) {
        return response.withHeader("Cache-Control", "no-store");
    }
}
