package io.github.adfkit.pauserestart;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.datafactory.DataFactoryManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data Factory managers for a fake Data Factory known only by its URL: from another JVM, or through a fault proxy.
 */
final class RemoteDataFactory {
    private RemoteDataFactory() {
    }

    /**
     * @param baseUrl the fake's (or its proxy's) base URL, without a trailing slash
     * @param policies policies to run on every request, after the bearer token is added
     * @return managers that send every management call there, without retries of their own
     */
    static DataFactoryManagerFactory managers(String baseUrl, HttpPipelinePolicy... policies) {
        List<HttpPipelinePolicy> all = new ArrayList<>();
        all.add(new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer test-token")));
        all.addAll(List.of(policies));
        AzureEnvironment fake = new AzureEnvironment(Map.of("resourceManagerEndpointUrl", baseUrl + "/"));
        return (tenantId, subscriptionId) -> DataFactoryManager.authenticate(new HttpPipelineBuilder()
            .httpClient(HttpClient.createDefault()).policies(all.toArray(new HttpPipelinePolicy[0])).build(),
            new AzureProfile(tenantId, subscriptionId, fake));
    }
}
