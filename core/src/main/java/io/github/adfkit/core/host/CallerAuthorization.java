package io.github.adfkit.core.host;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.implementation.EntraIdBearerCheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides whether a caller, typically a Data Factory pipeline, may call an endpoint that starts work or hands out
 * data. The pause endpoints of {@code adfkit-pause-restart} always require one; put any other route behind one with
 * {@link AuthorizedHandler}, which also throttles refused callers.
 *
 * <ul>
 *   <li>{@link #functionKey(String)}: a shared key in {@code x-functions-key} or {@code ?code=}, as an Azure
 *   Function key; the ADF Web activity sends it as a header.</li>
 *   <li>{@link #entraIdBearer(EntraIdBearerOptions)}: a Microsoft Entra ID access token of an admitted identity, for
 *   example the factory's managed identity (Web activity authentication "MSI"); no secret to keep.</li>
 *   <li>{@link #checkedByHost()}: the host already refused unauthenticated callers, for example an Azure Functions
 *   trigger with {@code authLevel: function}, or App Service Authentication.</li>
 *   <li>Your own check: this is a functional interface.</li>
 * </ul>
 */
@FunctionalInterface
public interface CallerAuthorization {
    /**
     * @param request the request
     * @return whether the caller may make it
     */
    boolean isAuthorized(HostRequest request);

    /**
     * Admits requests that carry the key in the {@code x-functions-key} header or the {@code code} query parameter.
     * The comparison takes the same time whatever the key sent.
     *
     * @param key the shared key; at least 32 characters
     * @return the check
     * @throws IllegalArgumentException if the key is shorter than 32 characters
     */
    static CallerAuthorization functionKey(String key) {
        Objects.requireNonNull(key, "'key' cannot be null.");
        if (key.length() < 32) {
            throw new IllegalArgumentException("The key must be at least 32 characters long.");
        }
        byte[] expected = key.getBytes(StandardCharsets.UTF_8);
        return request -> {
            String sent = request.getHeader("x-functions-key");
            if (sent == null) {
                sent = request.getQueryParameter("code");
            }
            return sent != null && MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * Admits requests with {@code Authorization: Bearer <token>} where the token is a Microsoft Entra ID access token
     * signed by the tenant (RS256, keys from the tenant's key set, refreshed when Entra ID rotates them), issued by the
     * tenant (v1.0 or v2.0 issuer), for the configured audience, not expired (within the clock skew), and whose
     * {@code oid} is admitted.
     *
     * @param options the tenant, audience and admitted object ids
     * @return the check
     */
    static CallerAuthorization entraIdBearer(EntraIdBearerOptions options) {
        EntraIdBearerCheck check = new EntraIdBearerCheck(Objects.requireNonNull(options,
            "'options' cannot be null."), SchedulingClock.system());
        return check::isAuthorized;
    }

    /**
     * Admits every request, because the host in front of the handler already authenticated the caller. Use it only
     * when that is true: a Functions trigger with {@code authLevel: function} or {@code admin}, or App Service
     * Authentication that requires a Microsoft Entra ID token.
     *
     * @return the check
     */
    static CallerAuthorization checkedByHost() {
        return request -> true;
    }
}
