package io.github.adfkit.spring;

import com.azure.core.credential.TokenCredential;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;
import io.github.adfkit.pauserestart.PauseDataHandler;
import io.github.adfkit.pauserestart.PauseHandler;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.RestartPages;
import io.github.adfkit.spring.implementation.ClientBuilders;
import io.github.adfkit.spring.implementation.TableStorage;
import io.github.adfkit.spring.implementation.TableStorageConfigured;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * When {@code adfkit-pause-restart} is on the class path, {@code adfkit.pause-restart.restart-page-url} is set and
 * {@code adfkit.tables} is configured: a {@link PauseRestartClient} and the restart pages at
 * {@code adfkit.pause-restart.restart-path}. The pause endpoint and the pause-data endpoint issue links and hand out
 * data, so they are served only when the application declares the {@link CallerAuthorization} that admits
 * pipelines. Data Factory is reached with the {@code TokenCredential}, or the application's
 * {@link DataFactoryManagerFactory} bean.
 */
@AutoConfiguration(after = AdfkitAutoConfiguration.class)
@ConditionalOnClass(PauseRestartClient.class)
@ConditionalOnProperty(prefix = "adfkit.pause-restart", name = "restart-page-url")
@Conditional(TableStorageConfigured.class)
public class PauseRestartAutoConfiguration {
    /**
     * Creates the configuration.
     */
    public PauseRestartAutoConfiguration() {
    }

    /**
     * @param properties the settings
     * @param tables the table account
     * @param credential the credential for Data Factory
     * @param dataFactories the application's Data Factory manager factory, if any
     * @param customizers the application's customizers
     * @return the pause-restart client
     */
    @Bean
    @ConditionalOnMissingBean
    public PauseRestartClient pauseRestartClient(AdfkitProperties properties, TableStorage tables,
        TokenCredential credential, ObjectProvider<DataFactoryManagerFactory> dataFactories,
        ObjectProvider<AdfkitBuilderCustomizer<PauseRestartClientBuilder>> customizers) {
        return ClientBuilders.pauseRestart(properties.getPauseRestart(), tables, credential, dataFactories,
            customizers).buildClient();
    }

    /**
     * @param client the pause-restart client
     * @param properties the settings
     * @return the confirmation and outcome pages behind restart links
     */
    @Bean
    public HostEndpoint restartPagesEndpoint(PauseRestartClient client, AdfkitProperties properties) {
        return HostEndpoint.of(new RestartPages(client), properties.getPauseRestart().getRestartPath());
    }

    /**
     * The endpoints a pipeline calls, when the application says who may call them.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CallerAuthorization.class)
    public static class PipelineEndpoints {
        /**
         * Creates the configuration.
         */
        public PipelineEndpoints() {
        }

        /**
         * @param client the pause-restart client
         * @param authorization who may pause
         * @param properties the settings
         * @return the pause endpoint
         */
        @Bean
        public HostEndpoint pauseEndpoint(PauseRestartClient client, CallerAuthorization authorization,
            AdfkitProperties properties) {
            return HostEndpoint.of(new PauseHandler(client, authorization), properties.getPauseRestart().getPausePath());
        }

        /**
         * @param client the pause-restart client
         * @param authorization who may read pause data
         * @param properties the settings
         * @return {@code {pause-data-path}/{pauseId}}
         */
        @Bean
        public HostEndpoint pauseDataEndpoint(PauseRestartClient client, CallerAuthorization authorization,
            AdfkitProperties properties) {
            return HostEndpoint.of(new PauseDataHandler(client, authorization),
                properties.getPauseRestart().getPauseDataPath() + "/**");
        }
    }
}
