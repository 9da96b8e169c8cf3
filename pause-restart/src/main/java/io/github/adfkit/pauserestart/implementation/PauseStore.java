package io.github.adfkit.pauserestart.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import io.github.adfkit.pauserestart.models.PauseData;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.adfkit.pauserestart.implementation.StoredTicket.utc;

/**
 * The two rows of a pause in one table, through adfkit's {@link ConditionalTable}. The ticket row is keyed by the
 * token's hash (PartitionKey) and {@code "ticket"} (RowKey) and holds the target, the state, the claim's lease and
 * the journal; the data row is keyed by the pause id and {@code "data"} and holds what the resumed pipeline reads
 * back.
 */
public final class PauseStore {
    /** The most JSON characters a pause can hand over (a Table string property holds 64 KiB of UTF-16). */
    public static final int MAX_DATA_CHARACTERS = 32_000;

    private static final ClientLogger LOGGER = new ClientLogger(PauseStore.class);
    private static final String DATA_ROW = "data";
    private static final String DATA = "data";

    private final ConditionalTable table;
    private final Runnable createTable;
    private final AtomicBoolean tableReady = new AtomicBoolean();

    /**
     * @param table the table that holds the pauses
     * @param createTable creates the table if it does not exist; run before the first pause
     */
    public PauseStore(TableClient table, Runnable createTable) {
        this.table = new ConditionalTable(table);
        this.createTable = createTable;
    }

    /**
     * Stores a new pause: the data row first, then the ticket row, so a ticket never points at missing data.
     *
     * @param tokenHash the token's hash
     * @param pauseId the pause id
     * @param target the pipeline to start
     * @param pauseIdParameter the parameter that carries the pause id
     * @param parametersJson the extra parameters as JSON object text
     * @param dataJson the data as JSON text
     * @param createdAt now
     * @param expiresAt when the link expires
     */
    public void insert(String tokenHash, String pauseId, PipelineTarget target, String pauseIdParameter,
        String parametersJson, String dataJson, Instant createdAt, Instant expiresAt) {
        ensureTable();
        Map<String, Object> data = new HashMap<>();
        data.put(DATA, dataJson);
        data.put(StoredTicket.CREATED_AT, utc(createdAt));
        data.put(StoredTicket.EXPIRES_AT, utc(expiresAt));
        create(pauseId, DATA_ROW, data);
        Map<String, Object> ticket = new HashMap<>();
        ticket.put(StoredTicket.PAUSE_ID, pauseId);
        ticket.put(StoredTicket.TENANT_ID, target.getTenantId());
        ticket.put(StoredTicket.SUBSCRIPTION_ID, target.getSubscriptionId());
        ticket.put(StoredTicket.RESOURCE_GROUP, target.getResourceGroupName());
        ticket.put(StoredTicket.FACTORY, target.getFactoryName());
        ticket.put(StoredTicket.PIPELINE, target.getPipelineName());
        ticket.put(StoredTicket.PAUSE_ID_PARAMETER, pauseIdParameter);
        ticket.put(StoredTicket.PARAMETERS, parametersJson);
        ticket.put(StoredTicket.STATE, TicketState.PENDING.name());
        ticket.put(StoredTicket.CLAIMS, 0);
        ticket.put(StoredTicket.CREATED_AT, utc(createdAt));
        ticket.put(StoredTicket.EXPIRES_AT, utc(expiresAt));
        create(tokenHash, StoredTicket.TICKET_ROW, ticket);
    }

    /**
     * @param tokenHash the token's hash
     * @return the ticket, or {@code null} if there is none
     */
    public StoredTicket findTicket(String tokenHash) {
        return table.read(tokenHash, StoredTicket.TICKET_ROW).map(StoredTicket::new).orElse(null);
    }

    /**
     * Claims a ticket for one restart: state {@code CLAIMED} and the restart's lease, in one conditional write on the
     * row as read. The lease is renewed until the claim is closed.
     *
     * @param ticket the ticket as read
     * @param terms the restart's lease
     * @param now now
     * @return the claim, or empty if another restart holds the ticket or changed it first
     */
    public Optional<TicketClaim> claim(StoredTicket ticket, LeaseTerms terms, Instant now) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(StoredTicket.STATE, TicketState.CLAIMED.name());
        changes.put(StoredTicket.CLAIMED_AT, utc(now));
        changes.put(StoredTicket.CLAIMS, ticket.claims() + 1);
        return LeasedRow.claim(table, ticket.row(), changes, terms).map(TicketClaim::new);
    }

    /**
     * @param pauseId a pause id
     * @return its data, or {@code null} if there is none
     */
    public PauseData findData(String pauseId) {
        return table.read(pauseId, DATA_ROW).map(row -> new PauseData(pauseId, row.text(DATA),
            StoredTicket.instantOf(row, StoredTicket.CREATED_AT), StoredTicket.instantOf(row, StoredTicket.EXPIRES_AT)))
            .orElse(null);
    }

    private void create(String partitionKey, String rowKey, Map<String, Object> properties) {
        Optional<StoredRow> created = table.create(partitionKey, rowKey, properties).written();
        if (created.isEmpty()) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("A row " + rowKey
                + " with a freshly made key exists already; nothing was overwritten."));
        }
    }

    private void ensureTable() {
        if (!tableReady.get()) {
            createTable.run();
            tableReady.set(true);
        }
    }
}
