package io.github.adfkit.pauserestart.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The RSA signing keys of an Entra ID tenant, from its JSON Web Key Set, by key id. Keys are fetched at first use
 * and again when a token names an unknown key (Entra ID rotates keys), at most once a minute so that tokens with
 * made-up key ids cannot make the host hammer the authority.
 */
public final class SigningKeys {
    private static final ClientLogger LOGGER = new ClientLogger(SigningKeys.class);
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);

    private final String keySetUrl;
    private final HttpClient httpClient;
    private final SchedulingClock clock;
    private Map<String, PublicKey> keys = Map.of();
    private Instant fetchedAt;

    /**
     * @param keySetUrl the JWKS URL
     * @param httpClient the HTTP client
     * @param clock the time source for the refresh interval
     */
    public SigningKeys(String keySetUrl, HttpClient httpClient, SchedulingClock clock) {
        this.keySetUrl = keySetUrl;
        this.httpClient = httpClient;
        this.clock = clock;
    }

    /**
     * @param keyId the {@code kid} of a token's header
     * @return the key, or {@code null} if the tenant has no such key (or the key set could not be fetched)
     */
    public synchronized PublicKey find(String keyId) {
        PublicKey key = keys.get(keyId);
        Instant now = clock.now();
        if (key == null && (fetchedAt == null || !now.isBefore(fetchedAt.plus(MIN_REFRESH_INTERVAL)))) {
            fetchedAt = now;
            keys = fetch();
            key = keys.get(keyId);
        }
        return key;
    }

    private Map<String, PublicKey> fetch() {
        try (HttpResponse response = httpClient.sendSync(new HttpRequest(HttpMethod.GET, keySetUrl), Context.NONE)) {
            if (response.getStatusCode() != 200) {
                LOGGER.warning("Fetching the Entra ID signing keys answered {}; keeping the keys known.",
                    response.getStatusCode());
                return keys;
            }
            Map<String, PublicKey> fetched = new HashMap<>();
            for (JsonNode key : Json.mapper().readTree(response.getBodyAsBinaryData().toBytes()).path("keys")) {
                if ("RSA".equals(key.path("kty").asText()) && key.hasNonNull("kid")) {
                    fetched.put(key.get("kid").asText(), rsaKey(key.path("n").asText(), key.path("e").asText()));
                }
            }
            return Map.copyOf(fetched);
        } catch (RuntimeException | IOException | GeneralSecurityException unavailable) {
            LOGGER.warning("Could not fetch the Entra ID signing keys; keeping the keys known.", unavailable);
            return keys;
        }
    }

    private static PublicKey rsaKey(String modulus, String exponent) throws GeneralSecurityException {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, decoder.decode(modulus)), new BigInteger(1, decoder.decode(exponent))));
    }
}
