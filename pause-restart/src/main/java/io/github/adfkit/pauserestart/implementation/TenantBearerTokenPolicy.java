package io.github.adfkit.pauserestart.implementation;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import reactor.core.publisher.Mono;

/**
 * Bearer-token authentication that asks the credential for a token of a given tenant, so one host identity (for
 * example a multi-tenant app registration) can start runs in factories of several tenants.
 */
final class TenantBearerTokenPolicy extends BearerTokenAuthenticationPolicy {
    private final String scope;
    private final String tenantId;

    TenantBearerTokenPolicy(TokenCredential credential, String scope, String tenantId) {
        super(credential, scope);
        this.scope = scope;
        this.tenantId = tenantId;
    }

    @Override
    public Mono<Void> authorizeRequest(HttpPipelineCallContext context) {
        return setAuthorizationHeader(context, tokenRequest());
    }

    @Override
    public void authorizeRequestSync(HttpPipelineCallContext context) {
        setAuthorizationHeaderSync(context, tokenRequest());
    }

    private TokenRequestContext tokenRequest() {
        return new TokenRequestContext().addScopes(scope).setTenantId(tenantId);
    }
}
