package io.github.adfkit.examples.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.adfkit.core.host.EntraIdBearerOptions;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The Functions app's settings (environment variables, {@code local.settings.json} when run locally), read in one
 * place. A missing required setting fails with a message that names it. None of them is a secret: Azure is reached
 * with the app's identity ({@code DefaultAzureCredential}: managed identity in Azure, your developer login locally).
 */
public final class AppSettings {
    /** The Table service endpoint, such as {@code https://<account>.table.core.windows.net}; optional. */
    public static final String TABLES_ENDPOINT = "ADFKIT_TABLES_ENDPOINT";
    /** The subscription container jobs run in. */
    public static final String SUBSCRIPTION_ID = "ADFKIT_SUBSCRIPTION_ID";
    /** The resource group container jobs run in. */
    public static final String RESOURCE_GROUP = "ADFKIT_RESOURCE_GROUP";
    /** The Azure region container jobs run in, such as {@code westeurope}. */
    public static final String LOCATION = "ADFKIT_LOCATION";
    /** The registries (comma-separated) whose images WebHook jobs may run. */
    public static final String IMAGE_REGISTRIES = "ADFKIT_IMAGE_REGISTRIES";
    /** The key that seals callBackUris in the job table: 32 random bytes, base64 (with a Table endpoint). */
    public static final String SEALING_KEY = "ADFKIT_SEALING_KEY";
    /** The app's public base URL, such as {@code https://<app>.azurewebsites.net}; restart links point there. */
    public static final String PUBLIC_BASE_URL = "ADFKIT_PUBLIC_BASE_URL";
    /** The Microsoft Entra ID tenant of the pipelines that call {@code pause} and {@code pause-data}. */
    public static final String CALLER_TENANT_ID = "ADFKIT_CALLER_TENANT_ID";
    /** The audience their tokens are requested for (the Web activity's MSI "resource"). */
    public static final String CALLER_AUDIENCE = "ADFKIT_CALLER_AUDIENCE";
    /** The object ids of the factories' managed identities admitted, comma-separated. */
    public static final String CALLER_OBJECT_IDS = "ADFKIT_CALLER_OBJECT_IDS";

    private final UnaryOperator<String> lookup;

    private AppSettings(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    /**
     * @return the settings of this process: its environment variables
     */
    public static AppSettings fromEnvironment() {
        return new AppSettings(System::getenv);
    }

    /**
     * @param values setting names and values, for example in a test
     * @return settings that hold exactly these values
     */
    public static AppSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new AppSettings(copy::get);
    }

    /**
     * @param name a setting name
     * @return its value, if set and not blank
     */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(lookup.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /**
     * @param name a setting name
     * @return its value
     * @throws IllegalStateException naming the setting if it is missing
     */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("The app setting " + name
            + " is missing; see local.settings.json.example."));
    }

    /**
     * @return the identity the app reaches Azure with
     */
    public TokenCredential credential() {
        return new DefaultAzureCredentialBuilder().build();
    }

    /**
     * @param credential the app's identity
     * @return the Table service named by {@value #TABLES_ENDPOINT}, if it is set
     */
    public Optional<TableServiceClient> tableService(TokenCredential credential) {
        Objects.requireNonNull(credential, "credential");
        return optional(TABLES_ENDPOINT).map(endpoint -> new TableServiceClientBuilder().endpoint(endpoint)
            .credential(credential).buildClient());
    }

    /**
     * @return who may call the pipeline endpoints: access tokens of the admitted managed identities
     * @throws IllegalStateException naming a missing setting
     */
    public EntraIdBearerOptions callerOptions() {
        Set<String> objectIds = Arrays.stream(required(CALLER_OBJECT_IDS).split(","))
            .map(String::trim).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
        return new EntraIdBearerOptions(required(CALLER_TENANT_ID), required(CALLER_AUDIENCE), objectIds);
    }
}
