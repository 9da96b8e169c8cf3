package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;
import reactor.core.publisher.Mono;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The RSA signing keys of an Entra ID tenant, from its JSON Web Key Set, by key id. Keys are fetched at first use
 * and again when a token names an unknown key (Entra ID rotates keys), at most once a minute so that tokens with
 * made-up key ids cannot make the host hammer the authority. A known key is found without waiting for anything; a
 * fetch holds no lock while it waits for the network, callers of unknown keys share one fetch, and it gives up after
 * a timeout, so a key set endpoint that never answers stalls no one for longer than that.
 */
public final class SigningKeys {
    private static final ClientLogger LOGGER = new ClientLogger(SigningKeys.class);
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);

    private final String keySetUrl;
    private final HttpClient httpClient;
    private final SchedulingClock clock;
    private final Duration timeout;
    private final Object refreshState = new Object();
    private volatile Map<String, PublicKey> keys = Map.of();
    private Instant fetchedAt;
    private CompletableFuture<Map<String, PublicKey>> inFlight;

    /**
     * @param keySetUrl the JWKS URL
     * @param httpClient the HTTP client
     * @param clock the time source for the refresh interval
     * @param timeout how long a fetch may take
     */
    public SigningKeys(String keySetUrl, HttpClient httpClient, SchedulingClock clock, Duration timeout) {
        this.keySetUrl = keySetUrl;
        this.httpClient = httpClient;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * @param keyId the {@code kid} of a token's header
     * @return the key, or {@code null} if the tenant has no such key (or the key set could not be fetched in time)
     */
    public PublicKey find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key != null) {
            return key;
        }
        CompletableFuture<Map<String, PublicKey>> refresh = refreshIfDue();
        if (refresh == null) {
            return null;
        }
        try {
            return refresh.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).get(keyId);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException notInTime) {
            return null;
        }
    }

    /**
     * @return the fetch to wait for: the one running, a new one if the last is old enough, or {@code null}
     */
    private CompletableFuture<Map<String, PublicKey>> refreshIfDue() {
        CompletableFuture<Map<String, PublicKey>> started = new CompletableFuture<>();
        synchronized (refreshState) {
            if (inFlight != null) {
                return inFlight;
            }
            Instant now = clock.now();
            if (fetchedAt != null && now.isBefore(fetchedAt.plus(MIN_REFRESH_INTERVAL))) {
                return null;
            }
            fetchedAt = now;
            inFlight = started;
        }
        fetch().subscribe(fetched -> {
            keys = fetched;
            finish(started, fetched);
        }, unexpected -> finish(started, keys));
        return started;
    }

    private void finish(CompletableFuture<Map<String, PublicKey>> fetch, Map<String, PublicKey> result) {
        synchronized (refreshState) {
            inFlight = null;
        }
        fetch.complete(result);
    }

    private Mono<Map<String, PublicKey>> fetch() {
        return httpClient.send(new HttpRequest(HttpMethod.GET, keySetUrl))
            .flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                .map(body -> parse(response.getStatusCode(), body)).doFinally(done -> response.close()))
            .timeout(timeout)
            .onErrorResume(unavailable -> {
                LOGGER.warning("Could not fetch the Entra ID signing keys in time; keeping the keys known.",
                    unavailable);
                return Mono.just(keys);
            });
    }

    private Map<String, PublicKey> parse(int status, byte[] body) {
        if (status != 200) {
            LOGGER.warning("Fetching the Entra ID signing keys answered {}; keeping the keys known.", status);
            return keys;
        }
        try {
            Map<String, PublicKey> fetched = new HashMap<>();
            for (JsonNode key : Json.mapper().readTree(body).path("keys")) {
                if ("RSA".equals(key.path("kty").asText()) && key.hasNonNull("kid")) {
                    fetched.put(key.get("kid").asText(), rsaKey(key.path("n").asText(), key.path("e").asText()));
                }
            }
            return Map.copyOf(fetched);
        } catch (RuntimeException | IOException | GeneralSecurityException malformed) {
            LOGGER.warning("The Entra ID signing keys could not be read; keeping the keys known.", malformed);
            return keys;
        }
    }

    private static PublicKey rsaKey(String modulus, String exponent) throws GeneralSecurityException {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, decoder.decode(modulus)), new BigInteger(1, decoder.decode(exponent))));
    }
}
