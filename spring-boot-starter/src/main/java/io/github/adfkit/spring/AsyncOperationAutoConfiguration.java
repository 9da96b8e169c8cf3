package io.github.adfkit.spring;

import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.AsyncOperationClientBuilder;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.spring.implementation.ClientBuilders;
import io.github.adfkit.spring.implementation.TableStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * When {@code adfkit-durable-patterns} is on the class path: an {@link AsyncOperationClient}, and, once the
 * application declares {@link OperationKind} beans, an {@link AsyncOperationServer} for them, served at
 * {@code adfkit.async-operations.server.route-prefix} ({@code /api}) through a {@link HostEndpoint}. Operations are
 * kept in memory unless {@code adfkit.async-operations.server.operation-table} names a table.
 */
@AutoConfiguration(after = AdfkitAutoConfiguration.class)
@ConditionalOnClass(AsyncOperationClient.class)
public class AsyncOperationAutoConfiguration {
    /**
     * Creates the configuration.
     */
    public AsyncOperationAutoConfiguration() {
    }

    /**
     * @param properties the settings
     * @param customizers the application's customizers
     * @return the client that follows 202 status URLs
     */
    @Bean
    @ConditionalOnMissingBean
    public AsyncOperationClient asyncOperationClient(AdfkitProperties properties,
        ObjectProvider<AdfkitBuilderCustomizer<AsyncOperationClientBuilder>> customizers) {
        return ClientBuilders.asyncOperationClient(properties.getAsyncOperations(), customizers).buildClient();
    }

    /**
     * The server and its endpoint, when the application declares operation kinds.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(OperationKind.class)
    public static class ServerConfiguration {
        /**
         * Creates the configuration.
         */
        public ServerConfiguration() {
        }

        /**
         * @param properties the settings
         * @param kinds the application's operation kinds
         * @param tables the table account, if configured
         * @param customizers the application's customizers
         * @return the server; closed with the application, which ends its running operations
         */
        @Bean
        @ConditionalOnMissingBean
        public AsyncOperationServer asyncOperationServer(AdfkitProperties properties,
            ObjectProvider<OperationKind<?>> kinds, ObjectProvider<TableStorage> tables,
            ObjectProvider<AdfkitBuilderCustomizer<AsyncOperationServerBuilder>> customizers) {
            List<OperationKind<?>> declared = kinds.orderedStream().toList();
            return ClientBuilders.asyncOperationServer(properties.getAsyncOperations().getServer(), declared, tables,
                customizers).buildServer();
        }

        /**
         * @param server the server
         * @param properties the settings
         * @return {@code {prefix}/submit/{kind}} and {@code {prefix}/status/{id}}
         */
        @Bean
        public HostEndpoint asyncOperationEndpoint(AsyncOperationServer server, AdfkitProperties properties) {
            return HostEndpoint.of(server, properties.getAsyncOperations().getServer().getRoutePrefix() + "/**");
        }
    }
}
