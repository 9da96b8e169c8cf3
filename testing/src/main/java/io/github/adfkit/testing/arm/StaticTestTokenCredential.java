package io.github.adfkit.testing.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link TokenCredential} for tests: always returns the same token, valid until the year 2999, without talking to
 * Microsoft Entra ID. Pair it with {@link ArmFakeServer#httpPipeline(TokenCredential)} so the fake can check the
 * {@code Authorization: Bearer} header.
 */
public final class StaticTestTokenCredential implements TokenCredential {
    /** The token returned by the no-argument constructor's credential. */
    public static final String DEFAULT_TOKEN = "adfkit-static-test-token";

    private static final OffsetDateTime FAR_FUTURE = OffsetDateTime.of(2999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final String token;

    /**
     * Creates a credential that returns {@value #DEFAULT_TOKEN}.
     */
    public StaticTestTokenCredential() {
        this(DEFAULT_TOKEN);
    }

    /**
     * Creates a credential that returns the given token.
     *
     * @param token the token to return for every scope
     * @throws NullPointerException if the token is null
     */
    public StaticTestTokenCredential(String token) {
        this.token = Objects.requireNonNull(token, "'token' cannot be null.");
    }

    /**
     * The token this credential returns.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * Returns the fixed token, whatever the scopes.
     *
     * @param request the scopes asked for (ignored)
     * @return the token, expiring in the year 2999
     */
    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.just(accessToken());
    }

    /**
     * Returns the fixed token, whatever the scopes.
     *
     * @param request the scopes asked for (ignored)
     * @return the token, expiring in the year 2999
     */
    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        return accessToken();
    }

    private AccessToken accessToken() {
        return new AccessToken(token, FAR_FUTURE);
    }
}
