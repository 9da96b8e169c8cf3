package io.github.adfkit.pauserestart.implementation;

import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.pauserestart.CallerAuthorization;

import java.util.Optional;

/**
 * The JSON answers the pipeline-facing endpoints share; none of them may be cached.
 */
public final class EndpointResponses {
    private EndpointResponses() {
    }

    /**
     * What an endpoint answers before it reads a request: 401 when {@code authorization} refuses the caller (checked
     * before anything else), 405 for a method other than {@code allowed}.
     *
     * @param request the request
     * @param authorization who may call the endpoint
     * @param allowed the one method the endpoint answers
     * @return the refusal, or empty when the endpoint may answer the request
     */
    public static Optional<HostResponse> refusal(HostRequest request, CallerAuthorization authorization,
        String allowed) {
        if (!authorization.isAuthorized(request)) {
            return Optional.of(unauthorized());
        }
        if (!allowed.equals(request.getMethod())) {
            return Optional.of(methodNotAllowed(allowed));
        }
        return Optional.empty();
    }

    /**
     * @return 401: the caller's authorization was refused
     */
    public static HostResponse unauthorized() {
        return noStore(HostResponse.error(401, "Authentication required."));
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
