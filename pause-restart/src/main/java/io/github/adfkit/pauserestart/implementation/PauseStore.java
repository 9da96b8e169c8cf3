package io.github.adfkit.pauserestart.implementation;

import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.github.adfkit.pauserestart.models.PauseData;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static io.github.adfkit.pauserestart.implementation.StoredTicket.utc;

/**
 * The two rows of a pause in one table. The ticket row is keyed by the token's hash (PartitionKey) and
 * {@code "ticket"} (RowKey) and holds the target and the state; the data row is keyed by the pause id and
 * {@code "data"} and holds what the resumed pipeline reads back. Every state change is an ETag-conditional write on
 * the row as it was read.
 */
public final class PauseStore {
    /** The most JSON characters a pause can hand over (a Table string property holds 64 KiB of UTF-16). */
    public static final int MAX_DATA_CHARACTERS = 32_000;

    private static final ClientLogger LOGGER = new ClientLogger(PauseStore.class);
    private static final String DATA_ROW = "data";
    private static final String DATA = "data";

    private final TableClient table;
    private final Runnable createTable;
    private final AtomicBoolean tableReady = new AtomicBoolean();

    /**
     * @param table the table that holds the pauses
     * @param createTable creates the table if it does not exist; run before the first pause
     */
    public PauseStore(TableClient table, Runnable createTable) {
        this.table = table;
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
        table.createEntity(new TableEntity(pauseId, DATA_ROW)
            .addProperty(DATA, dataJson)
            .addProperty(StoredTicket.CREATED_AT, utc(createdAt))
            .addProperty(StoredTicket.EXPIRES_AT, utc(expiresAt)));
        TableEntity ticket = new TableEntity(tokenHash, StoredTicket.TICKET_ROW)
            .addProperty(StoredTicket.PAUSE_ID, pauseId)
            .addProperty(StoredTicket.SUBSCRIPTION_ID, target.getSubscriptionId())
            .addProperty(StoredTicket.RESOURCE_GROUP, target.getResourceGroupName())
            .addProperty(StoredTicket.FACTORY, target.getFactoryName())
            .addProperty(StoredTicket.PIPELINE, target.getPipelineName())
            .addProperty(StoredTicket.PAUSE_ID_PARAMETER, pauseIdParameter)
            .addProperty(StoredTicket.PARAMETERS, parametersJson)
            .addProperty(StoredTicket.STATE, TicketState.PENDING.name())
            .addProperty(StoredTicket.CLAIMS, 0)
            .addProperty(StoredTicket.CREATED_AT, utc(createdAt))
            .addProperty(StoredTicket.EXPIRES_AT, utc(expiresAt));
        if (target.getTenantId() != null) {
            ticket.addProperty(StoredTicket.TENANT_ID, target.getTenantId());
        }
        table.createEntity(ticket);
    }

    /**
     * @param tokenHash the token's hash
     * @return the ticket, or {@code null} if there is none (or no table yet)
     */
    public StoredTicket findTicket(String tokenHash) {
        TableEntity entity = find(tokenHash, StoredTicket.TICKET_ROW);
        return entity == null ? null : new StoredTicket(entity);
    }

    /**
     * Claims a ticket: state {@code CLAIMED}, if nobody changed the row since it was read.
     *
     * @param ticket the ticket as read
     * @param claimId a new random id for this claim
     * @param now now
     * @return the claimed ticket (its ETag is the one it was read with, so it cannot be claimed again), or
     * {@code null} if another restart changed it first
     */
    public StoredTicket claim(StoredTicket ticket, String claimId, Instant now) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(StoredTicket.STATE, TicketState.CLAIMED.name());
        changes.put(StoredTicket.CLAIM_ID, claimId);
        changes.put(StoredTicket.CLAIMED_AT, utc(now));
        changes.put(StoredTicket.CLAIMS, ticket.claims() + 1);
        StoredTicket claimed = writeIfUnchanged(ticket, changes);
        if (claimed != null) {
            return claimed;
        }
        StoredTicket current = findTicket(ticket.entity().getPartitionKey());
        boolean oursAfterRetry = current != null && claimId.equals(current.claimId())
            && current.state() == TicketState.CLAIMED;
        return oursAfterRetry ? current : null;
    }

    /**
     * Records the started run on a claimed ticket. The claim made this restart the only writer, so the write is a
     * MERGE with {@code If-Match: *}; a write whose answer was lost is recognised by reading the row back.
     *
     * @param claimed the ticket as claimed
     * @param runId the run id
     * @param now now
     * @return whether the row now says {@code USED} with this run id
     */
    public boolean recordRun(StoredTicket claimed, String runId, Instant now) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(StoredTicket.STATE, TicketState.USED.name());
        changes.put(StoredTicket.RUN_ID, runId);
        changes.put(StoredTicket.USED_AT, utc(now));
        return settle(claimed, changes, current -> runId.equals(current.runId()));
    }

    /**
     * Releases a claimed ticket after Data Factory did not start the run, so the person can try again.
     *
     * @param claimed the ticket as claimed
     * @param reason why, for the error page and the next attempt
     * @return whether the row now says {@code FAILED}
     */
    public boolean recordFailure(StoredTicket claimed, String reason) {
        return settle(claimed, Map.of(StoredTicket.STATE, TicketState.FAILED.name(),
            StoredTicket.FAILURE_REASON, reason), current -> current.state() == TicketState.FAILED
                && claimed.claimId().equals(current.claimId()));
    }

    /**
     * @param pauseId a pause id
     * @return its data, or {@code null} if there is none
     */
    public PauseData findData(String pauseId) {
        TableEntity entity = find(pauseId, DATA_ROW);
        if (entity == null) {
            return null;
        }
        return new PauseData(pauseId, String.valueOf(entity.getProperty(DATA)),
            StoredTicket.instantOf(entity, StoredTicket.CREATED_AT), StoredTicket.instantOf(entity,
                StoredTicket.EXPIRES_AT));
    }

    private boolean settle(StoredTicket claimed, Map<String, Object> changes, Predicate<StoredTicket> alreadyDone) {
        TableEntity outcome = new TableEntity(claimed.entity().getPartitionKey(), claimed.entity().getRowKey())
            .setProperties(changes);
        try {
            table.updateEntityWithResponse(outcome, TableEntityUpdateMode.MERGE, false, null, Context.NONE);
            return true;
        } catch (RuntimeException storageDown) {
            StoredTicket current = findQuietly(claimed);
            if (current != null && alreadyDone.test(current)) {
                return true;
            }
            LOGGER.atWarning().addKeyValue("pauseId", claimed.pauseId())
                .log("Could not record the restart's outcome; a later restart reconciles it.", storageDown);
            return false;
        }
    }

    private StoredTicket findQuietly(StoredTicket ticket) {
        try {
            return findTicket(ticket.entity().getPartitionKey());
        } catch (RuntimeException stillDown) {
            return null;
        }
    }

    private StoredTicket writeIfUnchanged(StoredTicket ticket, Map<String, Object> changes) {
        TableEntity updated = ticket.changed(changes);
        if (updated.getETag() == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "A conditional write needs the ETag the row was read with."));
        }
        try {
            table.updateEntityWithResponse(updated, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            return new StoredTicket(updated);
        } catch (TableServiceException conflict) {
            if (conflict.getResponse().getStatusCode() == 412) {
                return null;
            }
            throw conflict;
        }
    }

    private TableEntity find(String partitionKey, String rowKey) {
        try {
            return table.getEntityWithResponse(partitionKey, rowKey, null, null, Context.NONE).getValue();
        } catch (TableServiceException missing) {
            if (missing.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw missing;
        }
    }

    private void ensureTable() {
        if (!tableReady.get()) {
            createTable.run();
            tableReady.set(true);
        }
    }
}
