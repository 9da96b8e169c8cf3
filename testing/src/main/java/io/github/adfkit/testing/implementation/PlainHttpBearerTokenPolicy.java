package io.github.adfkit.testing.implementation;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Adds {@code Authorization: Bearer <token>} from a {@link TokenCredential} to every request, over http as well as
 * https. Unlike azure-core's {@code BearerTokenAuthenticationPolicy} it does not refuse plain http, which is what a
 * loopback fake speaks. For tests only: a real token must never travel over plain http.
 */
public final class PlainHttpBearerTokenPolicy implements HttpPipelinePolicy {
    private final TokenCredential credential;
    private final TokenRequestContext tokenRequest;

    /**
     * Creates the policy.
     *
     * @param credential where tokens come from
     * @param scope the scope to ask the credential for
     */
    public PlainHttpBearerTokenPolicy(TokenCredential credential, String scope) {
        this.credential = Objects.requireNonNull(credential, "'credential' cannot be null.");
        this.tokenRequest = new TokenRequestContext().addScopes(scope);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return credential.getToken(tokenRequest).flatMap(token -> {
            authorize(context, token);
            return next.process();
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        authorize(context, credential.getTokenSync(tokenRequest));
        return next.processSync();
    }

    private static void authorize(HttpPipelineCallContext context, AccessToken token) {
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token.getToken());
    }
}
