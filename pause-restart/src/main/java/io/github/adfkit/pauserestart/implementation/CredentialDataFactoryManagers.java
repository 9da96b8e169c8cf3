package io.github.adfkit.pauserestart.implementation;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.core.implementation.HttpPipelineFactory;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;

/**
 * The default {@link DataFactoryManagerFactory}: one credential for every subscription, a token per tenant, and a
 * pipeline without automatic retries (adfkit retries {@code createRun} itself, after checking for a started run).
 */
public final class CredentialDataFactoryManagers implements DataFactoryManagerFactory {
    private final TokenCredential credential;
    private final AzureEnvironment environment;
    private final HttpClient httpClient;
    private final HttpLogOptions logOptions;

    /**
     * @param credential the host's identity, for example a managed identity
     * @param environment the Azure cloud
     * @param httpClient the HTTP client; {@code null} for azure-core's default
     * @param logOptions the user's HTTP logging options (only the level is used); {@code null} for the environment's
     */
    public CredentialDataFactoryManagers(TokenCredential credential, AzureEnvironment environment,
        HttpClient httpClient, HttpLogOptions logOptions) {
        this.credential = credential;
        this.environment = environment;
        this.httpClient = httpClient;
        this.logOptions = logOptions;
    }

    @Override
    public DataFactoryManager create(String tenantId, String subscriptionId) {
        String scope = environment.getManagementEndpoint().replaceAll("/+$", "") + "/.default";
        HttpPipelineFactory pipeline = new HttpPipelineFactory().withoutRetries().httpClient(httpClient)
            .logOptions(logOptions);
        if (tenantId == null) {
            pipeline.credential(credential, scope);
        } else {
            pipeline.addPolicy(new TenantBearerTokenPolicy(credential, scope, tenantId));
        }
        return DataFactoryManager.authenticate(pipeline.build(), new AzureProfile(tenantId, subscriptionId,
            environment));
    }
}
