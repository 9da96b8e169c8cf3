package io.github.adfkit.spring;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.spring.implementation.ClientBuilders;
import io.github.adfkit.spring.implementation.TableStorage;
import io.github.adfkit.spring.implementation.TableStorageConfigured;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * What every adfkit capability shares: the {@code TokenCredential} (the application's bean if it declares one,
 * otherwise {@code DefaultAzureCredential}), the WebHook callback clients, and the {@code adfkit.tables} account.
 */
@AutoConfiguration
@EnableConfigurationProperties(AdfkitProperties.class)
public class AdfkitAutoConfiguration {
    /**
     * Creates the configuration.
     */
    public AdfkitAutoConfiguration() {
    }

    /**
     * @return {@code DefaultAzureCredential}: a managed identity in Azure, the developer's sign-in locally
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenCredential adfkitTokenCredential() {
        return new DefaultAzureCredentialBuilder().build();
    }

    /**
     * @param properties the settings
     * @return Data Factory's callback hosts and those in {@code adfkit.callback.allowed-host-suffixes}
     */
    @Bean
    @ConditionalOnMissingBean
    public CallbackUriPolicy adfkitCallbackUriPolicy(AdfkitProperties properties) {
        return ClientBuilders.callbackUriPolicy(properties.getCallback());
    }

    /**
     * @param properties the settings
     * @param policy the callBackUri allow-list
     * @param customizers the application's customizers
     * @return the asynchronous callback client
     */
    @Bean
    @ConditionalOnMissingBean
    public CallbackAsyncClient callbackAsyncClient(AdfkitProperties properties, CallbackUriPolicy policy,
        ObjectProvider<AdfkitBuilderCustomizer<CallbackClientBuilder>> customizers) {
        return ClientBuilders.callback(properties.getCallback(), policy, customizers).buildAsyncClient();
    }

    /**
     * @param properties the settings
     * @param policy the callBackUri allow-list
     * @param customizers the application's customizers
     * @return the callback client
     */
    @Bean
    @ConditionalOnMissingBean
    public CallbackClient callbackClient(AdfkitProperties properties, CallbackUriPolicy policy,
        ObjectProvider<AdfkitBuilderCustomizer<CallbackClientBuilder>> customizers) {
        return ClientBuilders.callback(properties.getCallback(), policy, customizers).buildClient();
    }

    /**
     * @param properties the settings
     * @param credential the credential for a table endpoint
     * @return the {@code adfkit.tables} account, when it is configured
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(TableStorageConfigured.class)
    public TableStorage adfkitTableStorage(AdfkitProperties properties, TokenCredential credential) {
        return new TableStorage(properties.getTables(), credential);
    }
}
