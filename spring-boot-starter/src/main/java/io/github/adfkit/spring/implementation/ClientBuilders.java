package io.github.adfkit.spring.implementation;

import com.azure.core.credential.TokenCredential;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.durable.AsyncOperationClientBuilder;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.spring.AdfkitBuilderCustomizer;
import io.github.adfkit.spring.AdfkitProperties;
import org.springframework.beans.factory.ObjectProvider;

import java.util.Base64;
import java.util.List;

/**
 * Every adfkit builder the starter uses, set from the {@code adfkit.*} properties and then handed to the
 * application's {@link AdfkitBuilderCustomizer}s. The auto-configurations only call {@code build*} on the result.
 */
public final class ClientBuilders {
    private ClientBuilders() {
    }

    /**
     * @param settings {@code adfkit.callback}
     * @param policy the callBackUri allow-list
     * @param customizers the application's customizers
     * @return the configured builder
     */
    public static CallbackClientBuilder callback(AdfkitProperties.Callback settings, CallbackUriPolicy policy,
        ObjectProvider<AdfkitBuilderCustomizer<CallbackClientBuilder>> customizers) {
        CallbackClientBuilder builder = new CallbackClientBuilder().callbackUriPolicy(policy);
        if (settings.getDeadline() != null) {
            builder.deadline(settings.getDeadline());
        }
        return customized(builder, customizers);
    }

    /**
     * @param settings the allowed host suffixes
     * @return Data Factory's callback hosts and the configured ones
     */
    public static CallbackUriPolicy callbackUriPolicy(AdfkitProperties.Callback settings) {
        CallbackUriPolicy policy = CallbackUriPolicy.dataFactoryDefaults();
        for (String suffix : settings.getAllowedHostSuffixes()) {
            policy = policy.allowHostSuffix(suffix);
        }
        return policy;
    }

    /**
     * @param settings {@code adfkit.container-jobs}
     * @param credential the ARM credential
     * @param callbacks the client that reports WebHook-started jobs
     * @param tables the table account, needed only with a job table
     * @param customizers the application's customizers
     * @return the configured builder
     * @throws IllegalStateException if a job table is named but no table account is configured
     */
    public static ContainerJobClientBuilder containerJobs(AdfkitProperties.ContainerJobs settings,
        TokenCredential credential, CallbackAsyncClient callbacks, ObjectProvider<TableStorage> tables,
        ObjectProvider<AdfkitBuilderCustomizer<ContainerJobClientBuilder>> customizers) {
        ContainerJobClientBuilder builder = new ContainerJobClientBuilder()
            .subscriptionId(settings.getSubscriptionId())
            .credential(credential)
            .callbackClient(callbacks);
        if (settings.getEndpoint() != null) {
            builder.endpoint(settings.getEndpoint());
        }
        if (settings.getJobTable() != null) {
            if (settings.getSealingKey() == null) {
                throw new IllegalStateException("Set adfkit.container-jobs.sealing-key (a base64 AES-256 key) with "
                    + "adfkit.container-jobs.job-table: the job table keeps each callBackUri only sealed.");
            }
            builder.tableClient(required(tables, "adfkit.container-jobs.job-table").table(settings.getJobTable()))
                .sealingKeys(SealingKeys.of(settings.getSealingKeyId(),
                    Base64.getDecoder().decode(settings.getSealingKey())));
        }
        ContainerImagePolicy images = ContainerImagePolicy.none();
        for (String registry : settings.getWebhookImageRegistries()) {
            images = images.allowRegistry(registry);
        }
        builder.webhookImagePolicy(images);
        return customized(builder, customizers);
    }

    /**
     * @param settings {@code adfkit.async-operations}
     * @param customizers the application's customizers
     * @return the configured builder
     */
    public static AsyncOperationClientBuilder asyncOperationClient(AdfkitProperties.AsyncOperations settings,
        ObjectProvider<AdfkitBuilderCustomizer<AsyncOperationClientBuilder>> customizers) {
        AsyncOperationClientBuilder builder = new AsyncOperationClientBuilder();
        if (settings.getClientTimeout() != null) {
            builder.timeout(settings.getClientTimeout());
        }
        return customized(builder, customizers);
    }

    /**
     * @param settings {@code adfkit.async-operations.server}
     * @param kinds the operation kinds the application declares
     * @param tables the table account, needed only with an operation table
     * @param customizers the application's customizers
     * @return the configured builder
     * @throws IllegalStateException if an operation table is named but no table account is configured
     */
    public static AsyncOperationServerBuilder asyncOperationServer(AdfkitProperties.Server settings,
        List<OperationKind<?>> kinds, ObjectProvider<TableStorage> tables,
        ObjectProvider<AdfkitBuilderCustomizer<AsyncOperationServerBuilder>> customizers) {
        AsyncOperationServerBuilder builder = new AsyncOperationServerBuilder().routePrefix(settings.getRoutePrefix());
        kinds.forEach(builder::addOperationKind);
        if (settings.getRetryAfter() != null) {
            builder.retryAfter(settings.getRetryAfter());
        }
        if (settings.getOperationTable() != null) {
            builder.tableClient(required(tables, "adfkit.async-operations.server.operation-table")
                .table(settings.getOperationTable()));
        }
        return customized(builder, customizers);
    }

    /**
     * @param settings {@code adfkit.pause-restart}
     * @param tables the table account
     * @param credential the ARM credential
     * @param dataFactories the application's Data Factory manager factory, if it declares one
     * @param customizers the application's customizers
     * @return the configured builder
     */
    public static PauseRestartClientBuilder pauseRestart(AdfkitProperties.PauseRestart settings, TableStorage tables,
        TokenCredential credential, ObjectProvider<DataFactoryManagerFactory> dataFactories,
        ObjectProvider<AdfkitBuilderCustomizer<PauseRestartClientBuilder>> customizers) {
        String tableName = settings.getTableName() == null ? PauseRestartClientBuilder.DEFAULT_TABLE_NAME
            : settings.getTableName();
        PauseRestartClientBuilder builder = new PauseRestartClientBuilder()
            .tableClient(tables.table(tableName))
            .credential(credential)
            .restartPageUrl(settings.getRestartPageUrl());
        dataFactories.ifAvailable(builder::dataFactoryManagerFactory);
        return customized(builder, customizers);
    }

    private static TableStorage required(ObjectProvider<TableStorage> tables, String property) {
        TableStorage storage = tables.getIfAvailable();
        if (storage == null) {
            throw new IllegalStateException(property + " names a table: also set adfkit.tables.endpoint (with a "
                + "TokenCredential) or adfkit.tables.connection-string.");
        }
        return storage;
    }

    private static <B> B customized(B builder, ObjectProvider<AdfkitBuilderCustomizer<B>> customizers) {
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
