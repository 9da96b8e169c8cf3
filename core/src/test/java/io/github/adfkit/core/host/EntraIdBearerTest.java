package io.github.adfkit.core.host;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.implementation.EntraIdBearerCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only a genuine, current Entra ID token for the right audience and an admitted identity opens the pipeline
 * endpoints. The tenant's key set is served from loopback.
 */
class EntraIdBearerTest {
    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String AUDIENCE = "api://pipelines-host";
    private static final String FACTORY_IDENTITY = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final WireMockServer authority = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1").dynamicPort());
    private static final KeyPair TENANT_KEY = rsaKeyPair();
    private static final KeyPair OTHER_KEY = rsaKeyPair();
    private CallerAuthorization check;
    private String issuer;

    @BeforeEach
    void start() {
        authority.start();
        String host = "http://127.0.0.1:" + authority.port();
        issuer = host + "/" + TENANT + "/v2.0";
        RSAPublicKey publicKey = (RSAPublicKey) TENANT_KEY.getPublic();
        authority.stubFor(get(urlPathEqualTo("/" + TENANT + "/discovery/v2.0/keys")).willReturn(okJson(
            "{\"keys\":[" + jwk("key-1", publicKey) + "]}")));
        check = CallerAuthorization.entraIdBearer(new EntraIdBearerOptions(TENANT, AUDIENCE, Set.of(FACTORY_IDENTITY))
            .setAuthorityHost(host));
    }

    @AfterEach
    void stop() {
        authority.stop();
    }

    @Test
    void theFactoryIdentitysCurrentTokenIsAdmittedAndTheKeySetIsFetchedOnce() throws Exception {
        String token = token(TENANT_KEY, "key-1", claims(Map.of()));

        assertThat(check.isAuthorized(withBearer(token))).isTrue();
        assertThat(check.isAuthorized(withBearer(token))).isTrue();
        assertThat(authority.findAll(getRequestedFor(urlPathEqualTo("/" + TENANT + "/discovery/v2.0/keys"))))
            .hasSize(1);
    }

    @Test
    void aKeyEntraIdRotatesInIsFetchedOnItsFirstTokenAndThenKeptByItsId() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        EntraIdBearerCheck rotating = new EntraIdBearerCheck(new EntraIdBearerOptions(TENANT, AUDIENCE,
            Set.of(FACTORY_IDENTITY)).setAuthorityHost("http://127.0.0.1:" + authority.port()), clock);
        assertThat(rotating.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of()))))).isTrue();
        RSAPublicKey current = (RSAPublicKey) TENANT_KEY.getPublic();
        RSAPublicKey rotated = (RSAPublicKey) OTHER_KEY.getPublic();
        authority.stubFor(get(urlPathEqualTo("/" + TENANT + "/discovery/v2.0/keys")).willReturn(okJson(
            "{\"keys\":[" + jwk("key-1", current) + "," + jwk("key-2", rotated) + "]}")));
        clock.advance(Duration.ofMinutes(2));

        HostRequest signedWithTheNewKey = withBearer(token(OTHER_KEY, "key-2", claims(Map.of())));
        assertThat(rotating.isAuthorized(signedWithTheNewKey)).isTrue();
        assertThat(rotating.isAuthorized(signedWithTheNewKey)).isTrue();
        assertThat(rotating.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of()))))).isTrue();

        assertThat(authority.findAll(getRequestedFor(urlPathEqualTo("/" + TENANT + "/discovery/v2.0/keys"))))
            .as("one fetch at the start, one for the unknown key id").hasSize(2);
    }

    @Test
    void aKeySetEndpointThatNeverAnswersStallsNoOtherRequest() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        EntraIdBearerCheck timed = new EntraIdBearerCheck(new EntraIdBearerOptions(TENANT, AUDIENCE,
            Set.of(FACTORY_IDENTITY)).setAuthorityHost("http://127.0.0.1:" + authority.port())
            .setKeySetTimeout(Duration.ofSeconds(2)), clock);
        HostRequest known = withBearer(token(TENANT_KEY, "key-1", claims(Map.of())));
        assertThat(timed.isAuthorized(known)).isTrue();
        authority.stubFor(get(urlPathEqualTo("/" + TENANT + "/discovery/v2.0/keys"))
            .willReturn(okJson("{\"keys\":[]}").withFixedDelay(60_000)));
        clock.advance(Duration.ofMinutes(2));

        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            long started = System.nanoTime();
            List<Future<Boolean>> unknown = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String kid = "rotated-" + i;
                unknown.add(callers.submit(() -> timed.isAuthorized(withBearer(token(OTHER_KEY, kid,
                    claims(Map.of()))))));
            }
            for (int i = 0; i < 20; i++) {
                long before = System.nanoTime();
                assertThat(timed.isAuthorized(known)).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
            }
            for (Future<Boolean> refused : unknown) {
                assertThat(refused.get(10, TimeUnit.SECONDS)).isFalse();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one shared fetch, bounded by its timeout")
                .isLessThan(Duration.ofSeconds(6));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void v1IssuerAndAudienceListAreAccepted() throws Exception {
        String token = token(TENANT_KEY, "key-1", claims(Map.of("iss", "\"https://sts.windows.net/" + TENANT + "/\"",
            "aud", "[\"other\",\"" + AUDIENCE + "\"]")));

        assertThat(check.isAuthorized(withBearer(token))).isTrue();
    }

    @Test
    void everyOtherTokenIsRefused() throws Exception {
        long hourAgo = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        long inAnHour = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        assertThat(check.isAuthorized(withBearer(token(OTHER_KEY, "key-1", claims(Map.of()))))).as("forged").isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-9", claims(Map.of()))))).as("unknown key")
            .isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of("oid",
            "\"someone-else\"")))))).as("other identity").isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of("aud",
            "\"api://other\"")))))).as("other audience").isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of("iss",
            "\"https://sts.windows.net/other-tenant/\"")))))).as("other tenant").isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of("exp",
            Long.toString(hourAgo))))))).as("expired").isFalse();
        assertThat(check.isAuthorized(withBearer(token(TENANT_KEY, "key-1", claims(Map.of("nbf",
            Long.toString(inAnHour))))))).as("not yet valid").isFalse();
        String unsigned = BASE64URL.encodeToString("{\"alg\":\"none\",\"kid\":\"key-1\"}".getBytes(
            StandardCharsets.UTF_8)) + "." + BASE64URL.encodeToString(claims(Map.of()).getBytes(StandardCharsets.UTF_8))
            + ".";
        assertThat(check.isAuthorized(withBearer(unsigned))).as("alg none").isFalse();
        assertThat(check.isAuthorized(withBearer("not.a.jwt!"))).as("garbage").isFalse();
        assertThat(check.isAuthorized(HostRequest.of("GET", URI.create("http://h/x"), Map.of(), null, null)))
            .as("no header").isFalse();
    }

    @Test
    void optionsMustAdmitSomeone() {
        assertThatThrownBy(() -> new EntraIdBearerOptions(TENANT, AUDIENCE, Set.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private String claims(Map<String, String> overrides) {
        Map<String, String> claims = new LinkedHashMap<>(Map.of(
            "iss", "\"" + issuer + "\"", "aud", "\"" + AUDIENCE + "\"", "oid", "\"" + FACTORY_IDENTITY + "\"",
            "nbf", Long.toString(Instant.now().minusSeconds(60).getEpochSecond()),
            "exp", Long.toString(Instant.now().plus(Duration.ofHours(1)).getEpochSecond())));
        claims.putAll(overrides);
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
            .append("\":").append(value));
        return json.append('}').toString();
    }

    private static String token(KeyPair key, String keyId, String claims) throws GeneralSecurityException {
        String signed = BASE64URL.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}")
            .getBytes(StandardCharsets.UTF_8)) + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.getPrivate());
        signer.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + BASE64URL.encodeToString(signer.sign());
    }

    private static HostRequest withBearer(String token) {
        return HostRequest.of("GET", URI.create("http://localhost/api/pause-data/x"),
            Map.of("Authorization", "Bearer " + token), null, "10.0.0.1");
    }

    private static String jwk(String keyId, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + keyId + "\",\"n\":\"" + unsigned(key.getModulus())
            + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return BASE64URL.encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
