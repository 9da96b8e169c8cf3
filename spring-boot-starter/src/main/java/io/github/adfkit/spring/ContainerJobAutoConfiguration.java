package io.github.adfkit.spring;

import com.azure.core.credential.TokenCredential;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.spring.implementation.ClientBuilders;
import io.github.adfkit.spring.implementation.ContainerJobLifecycle;
import io.github.adfkit.spring.implementation.TableStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A {@link ContainerJobClient} when {@code adfkit-aci} is on the class path and
 * {@code adfkit.container-jobs.subscription-id} is set. With {@code adfkit.container-jobs.job-table}, every job is
 * recorded and the jobs a previous host left are resumed when the application starts.
 */
@AutoConfiguration(after = AdfkitAutoConfiguration.class)
@ConditionalOnClass(ContainerJobClient.class)
@ConditionalOnProperty(prefix = "adfkit.container-jobs", name = "subscription-id")
public class ContainerJobAutoConfiguration {
    /**
     * Creates the configuration.
     */
    public ContainerJobAutoConfiguration() {
    }

    /**
     * @param properties the settings
     * @param credential the ARM credential
     * @param callbacks the client that reports WebHook-started jobs
     * @param tables the table account, if configured
     * @param customizers the application's customizers
     * @return the container job client
     */
    @Bean
    @ConditionalOnMissingBean
    public ContainerJobClient containerJobClient(AdfkitProperties properties, TokenCredential credential,
        CallbackAsyncClient callbacks, ObjectProvider<TableStorage> tables,
        ObjectProvider<AdfkitBuilderCustomizer<ContainerJobClientBuilder>> customizers) {
        return ClientBuilders.containerJobs(properties.getContainerJobs(), credential, callbacks, tables, customizers)
            .buildClient();
    }

    /**
     * @param client the container job client
     * @param properties the settings
     * @return resumes stored jobs on start and stops watching on shutdown
     */
    @Bean
    public ContainerJobLifecycle adfkitContainerJobLifecycle(ContainerJobClient client, AdfkitProperties properties) {
        return new ContainerJobLifecycle(client.getWatcher(), properties.getContainerJobs().getJobTable() != null);
    }
}
