package io.github.adfkit.examples.demo;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real Azure, from environment variables, with {@code DefaultAzureCredential}: the identity needs Contributor on
 * the jobs' resource group, Data Factory Contributor on the factory and Storage Table Data Contributor on the
 * storage account. No connection string and no storage key.
 */
final class LiveEnvironment implements DemoEnvironment {
    /** Every setting, with what it is for; all are required. */
    static final Map<String, String> SETTINGS = settings();

    private static final String DEFAULT_LOCATION = "westeurope";

    private final Map<String, String> values;
    private final TokenCredential credential;
    private final TableServiceClient tables;

    private LiveEnvironment(Map<String, String> values) {
        this.values = values;
        this.credential = new DefaultAzureCredentialBuilder().build();
        this.tables = new TableServiceClientBuilder().endpoint(tableEndpoint()).credential(credential).buildClient();
    }

    /**
     * Reads the settings.
     *
     * @param environment the process environment
     * @return the environment
     * @throws IllegalStateException naming every missing setting at once
     */
    static LiveEnvironment fromVariables(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        SETTINGS.forEach((name, purpose) -> {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                missing.add("  " + name + ": " + purpose);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("--live needs these environment variables, which are not set:\n"
                + String.join("\n", missing) + "\nOptional: ADFKIT_LOCATION (the jobs' region, default "
                + DEFAULT_LOCATION + "). Credentials come from DefaultAzureCredential (az login, a managed "
                + "identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET).");
        }
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.keySet().forEach(name -> values.put(name, environment.get(name)));
        values.put("ADFKIT_LOCATION", environment.getOrDefault("ADFKIT_LOCATION", DEFAULT_LOCATION));
        return new LiveEnvironment(values);
    }

    /**
     * @return the factory that pipelines calling this host run in
     */
    String factoryName() {
        return values.get("ADFKIT_FACTORY_NAME");
    }

    /**
     * @return the subscription of the factory and of the container jobs
     */
    String subscriptionId() {
        return values.get("AZURE_SUBSCRIPTION_ID");
    }

    @Override
    public TableClient auditTable() {
        return tables.getTableClient("audit");
    }

    @Override
    public TableClient table(String name) {
        tables.createTableIfNotExists(name);
        return tables.getTableClient(name);
    }

    @Override
    public ContainerJobClientBuilder containerJobs() {
        return new ContainerJobClientBuilder().credential(credential).subscriptionId(subscriptionId())
            .sealingKeys(SealingKeys.of("demo", Base64.getDecoder().decode(values.get("ADFKIT_SEALING_KEY"))))
            .webhookImagePolicy(ContainerImagePolicy.none().allowRegistry(values.get("ADFKIT_IMAGE_REGISTRY")));
    }

    @Override
    public PauseRestartClientBuilder pauses() {
        return new PauseRestartClientBuilder().credential(credential);
    }

    @Override
    public CallbackUriPolicy callbackUriPolicy() {
        return CallbackUriPolicy.dataFactoryDefaults();
    }

    @Override
    public String resourceGroup() {
        return values.get("ADFKIT_RESOURCE_GROUP");
    }

    @Override
    public String location() {
        return values.get("ADFKIT_LOCATION");
    }

    @Override
    public String pipelineKey() {
        return values.get("ADFKIT_PIPELINE_KEY");
    }

    @Override
    public void close() {
        // Nothing was started: the Azure clients hold no resources of their own.
    }

    private String tableEndpoint() {
        return "https://" + values.get("ADFKIT_STORAGE_ACCOUNT") + ".table.core.windows.net";
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AZURE_SUBSCRIPTION_ID", "the subscription of the factory and of the container jobs");
        settings.put("ADFKIT_RESOURCE_GROUP", "the resource group container jobs are created in");
        settings.put("ADFKIT_FACTORY_NAME", "the Data Factory whose pipelines call this host");
        settings.put("ADFKIT_STORAGE_ACCOUNT", "the storage account name (tables audit, operations, pauses, jobs)");
        settings.put("ADFKIT_PIPELINE_KEY", "the key pipelines send in x-functions-key (at least 32 characters)");
        settings.put("ADFKIT_SEALING_KEY", "32 random bytes, base64: the key that seals callBackUris in the job table");
        settings.put("ADFKIT_IMAGE_REGISTRY", "the registry whose images WebHook jobs may run, such as "
            + "myacr.azurecr.io");
        return settings;
    }
}
