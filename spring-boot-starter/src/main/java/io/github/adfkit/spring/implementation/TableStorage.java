package io.github.adfkit.spring.implementation;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.adfkit.spring.AdfkitProperties;

/**
 * The {@code adfkit.tables} account: tables by name, created when missing. A connection string wins over the
 * endpoint; the endpoint is authenticated with the application's {@code TokenCredential}.
 */
public final class TableStorage {
    private final TableServiceClient service;

    /**
     * @param tables the account settings; an endpoint or a connection string is set
     * @param credential the credential for the endpoint
     */
    public TableStorage(AdfkitProperties.Tables tables, TokenCredential credential) {
        TableServiceClientBuilder builder = new TableServiceClientBuilder();
        if (TableStorageConfigured.hasText(tables.getConnectionString())) {
            builder.connectionString(tables.getConnectionString());
        } else {
            builder.endpoint(tables.getEndpoint()).credential(credential);
        }
        this.service = builder.buildClient();
    }

    /**
     * @param name a table name
     * @return a client for the table, which exists when this returns
     */
    public TableClient table(String name) {
        service.createTableIfNotExists(name);
        return service.getTableClient(name);
    }
}
