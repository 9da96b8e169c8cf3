package io.github.adfkit.durable.server;

import com.azure.core.annotation.Immutable;
import com.azure.data.tables.TableClient;
import io.github.adfkit.core.implementation.ConditionalRows;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.InMemoryRows;

/**
 * Where an {@link AsyncOperationServer} keeps its operations, single-flight leases and Idempotency-Key claims.
 *
 * <ul>
 *   <li>{@link #inMemory()}: this process only; everything is lost when it exits. For one host and for tests.</li>
 *   <li>{@link #tableStorage(TableClient)}: an Azure Table shared by every host that uses it, so any host answers
 *   for any operation, single-flight holds across hosts, and a dead host's operations are noticed by the others.</li>
 * </ul>
 */
@Immutable
public final class OperationStore {
    private final ConditionalRows records;

    private OperationStore(ConditionalRows records) {
        this.records = records;
    }

    /**
     * A store in this process's memory. Give each server its own.
     *
     * @return a new, empty store
     */
    public static OperationStore inMemory() {
        return new OperationStore(new InMemoryRows());
    }

    /**
     * A store in an existing Azure Table. Build the client with a {@code TokenCredential} (managed identity) rather
     * than a connection string where you can, for example
     * {@code new TableServiceClientBuilder().endpoint(url).credential(new DefaultAzureCredential()).buildClient()
     * .createTableIfNotExists("operations")}.
     *
     * @param table the table; one table per set of hosts that share operations
     * @return the store
     */
    @SuppressWarnings("exports") // callers build the TableClient, so they read com.azure.data.tables themselves
    public static OperationStore tableStorage(TableClient table) {
        return new OperationStore(new ConditionalTable(table));
    }

    ConditionalRows records() {
        return records;
    }
}
