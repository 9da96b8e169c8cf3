package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.EntraIdBearerOptions;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.implementation.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Checks {@code Authorization: Bearer <JWT>} as a Microsoft Entra ID access token: RS256 signature by one of the
 * tenant's signing keys, issuer of the tenant (v1.0 or v2.0), the configured audience, {@code nbf}/{@code exp}
 * within the clock skew, and an admitted {@code oid}. Any failure refuses the request; the token is never logged.
 */
public final class EntraIdBearerCheck {
    private static final ClientLogger LOGGER = new ClientLogger(EntraIdBearerCheck.class);
    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final EntraIdBearerOptions options;
    private final Set<String> issuers;
    private final SigningKeys keys;
    private final SchedulingClock clock;

    /**
     * @param options what to accept
     * @param clock the time source for expiry checks
     */
    public EntraIdBearerCheck(EntraIdBearerOptions options, SchedulingClock clock) {
        this.options = options;
        this.clock = clock;
        String tenant = options.getTenantId();
        this.issuers = Set.of("https://sts.windows.net/" + tenant + "/",
            options.getAuthorityHost() + "/" + tenant + "/v2.0");
        HttpClient http = options.getHttpClient() != null ? options.getHttpClient() : HttpClient.createDefault();
        this.keys = new SigningKeys(options.getAuthorityHost() + "/" + tenant + "/discovery/v2.0/keys", http, clock,
            options.getKeySetTimeout());
    }

    /**
     * @param request the request
     * @return whether it carries a valid token of an admitted caller
     */
    public boolean isAuthorized(HostRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
            || header.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        String[] parts = header.substring(7).trim().split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode head = Json.mapper().readTree(decoder.decode(parts[0]));
            JsonNode claims = Json.mapper().readTree(decoder.decode(parts[1]));
            if (!"RS256".equals(head.path("alg").asText())) {
                return refuse("algorithm is not RS256");
            }
            PublicKey key = keys.find(head.path("kid").asText());
            if (key == null) {
                return refuse("unknown signing key");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(decoder.decode(parts[2]))) {
                return refuse("bad signature");
            }
            return claimsAccepted(claims);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException malformed) {
            return refuse("malformed token");
        }
    }

    private boolean claimsAccepted(JsonNode claims) {
        Instant now = clock.now();
        if (!issuers.contains(claims.path("iss").asText())) {
            return refuse("issuer is not the tenant");
        }
        if (!hasAudience(claims.path("aud"))) {
            return refuse("audience does not match");
        }
        if (!claims.path("exp").isNumber()
            || !now.minus(options.getClockSkew()).isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))) {
            return refuse("expired");
        }
        if (claims.path("nbf").isNumber()
            && now.plus(options.getClockSkew()).isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            return refuse("not valid yet");
        }
        if (!options.getAllowedObjectIds().contains(claims.path("oid").asText())) {
            return refuse("caller's object id is not admitted");
        }
        return true;
    }

    private boolean hasAudience(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode one : aud) {
                if (options.getAudience().equals(one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return options.getAudience().equals(aud.asText());
    }

    private static boolean refuse(String why) {
        LOGGER.verbose("Bearer token refused: {}.", why);
        return false;
    }
}
