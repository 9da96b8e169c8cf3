package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one conditional record store of adfkit, on an Azure Table: create if absent, replace if the ETag still
 * matches, delete if the ETag still matches, with "lost the race" and "gone" as {@link WriteOutcome}s.
 *
 * <p>Every write carries a fresh random mark in the {@value #WRITE_MARK} property. When a write was applied but
 * its answer was lost, the Table client retries it by itself and the retry is refused with 409 or 412, as if
 * another host had moved first. Such an answer is therefore never taken at its word: the row is read back, and if
 * it carries this write's mark the write is reported {@link WriteOutcome.Kind#WRITTEN}. The same read-back settles
 * a write whose every attempt failed on the connection.</p>
 *
 * <p>Calls block the calling thread for the duration of one Table request (and its client-side retries); they
 * never wait for a timer.</p>
 */
public final class ConditionalTable implements ConditionalRows {
    /** The property each write marks the row with. */
    public static final String WRITE_MARK = "AdfkitWrite";

    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final TableClient table;

    /**
     * @param table the table (it must exist)
     */
    public ConditionalTable(TableClient table) {
        this.table = Objects.requireNonNull(table, "'table' cannot be null.");
    }

    /**
     * @return the table's name
     */
    @Override
    public String name() {
        return table.getTableName();
    }

    /**
     * Reads one row, by a query on both keys (one request, like a point read): a point read of a missing row is
     * logged at ERROR level by the Table SDK, and a missing row is ordinary here (an unknown token, no cancel
     * request, a free Idempotency-Key).
     *
     * @param partitionKey the partition key
     * @param rowKey the row key
     * @return the row, or empty if there is none
     */
    @Override
    public Optional<StoredRow> read(String partitionKey, String rowKey) {
        return list("PartitionKey eq '" + quoted(partitionKey) + "' and RowKey eq '" + quoted(rowKey) + "'").stream()
            .findFirst();
    }

    private static String quoted(String key) {
        return key.replace("'", "''");
    }

    /**
     * Creates a row that must not exist yet.
     *
     * @param partitionKey the partition key
     * @param rowKey the row key
     * @param properties the row's properties ({@code null} values are left out)
     * @return {@link WriteOutcome.Kind#WRITTEN}, or {@link WriteOutcome.Kind#LOST_RACE} with the row another writer
     *     created
     */
    @Override
    public WriteOutcome create(String partitionKey, String rowKey, Map<String, ?> properties) {
        String mark = newMark();
        TableEntity entity = entity(partitionKey, rowKey, properties, mark, null);
        try {
            Response<Void> response = table.createEntityWithResponse(entity, null, Context.NONE);
            return WriteOutcome.written(rowOf(entity, response));
        } catch (TableServiceException e) {
            if (statusOf(e) != CONFLICT) {
                return settleUnanswered(partitionKey, rowKey, mark, e);
            }
            Optional<StoredRow> current = read(partitionKey, rowKey);
            return current.filter(row -> mark.equals(row.text(WRITE_MARK))).map(WriteOutcome::written)
                .orElseGet(() -> WriteOutcome.lostRace(current.orElse(null)));
        } catch (RuntimeException noAnswer) {
            return settleUnanswered(partitionKey, rowKey, mark, noAnswer);
        }
    }

    /**
     * Replaces a row if nobody changed it since {@code basis} was read or written.
     *
     * @param basis the row as this writer knows it
     * @param properties the row's new properties ({@code null} values are left out)
     * @return {@link WriteOutcome.Kind#WRITTEN}, {@link WriteOutcome.Kind#LOST_RACE} with the row as the other
     *     writer left it, or {@link WriteOutcome.Kind#GONE}
     */
    @Override
    public WriteOutcome replace(StoredRow basis, Map<String, ?> properties) {
        String mark = newMark();
        TableEntity entity = entity(basis.partitionKey(), basis.rowKey(), properties, mark, basis.eTag());
        try {
            Response<Void> response = table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true,
                null, Context.NONE);
            return WriteOutcome.written(rowOf(entity, response));
        } catch (TableServiceException e) {
            int status = statusOf(e);
            if (status != PRECONDITION_FAILED && status != NOT_FOUND) {
                return settleUnanswered(basis.partitionKey(), basis.rowKey(), mark, e);
            }
            Optional<StoredRow> current = read(basis.partitionKey(), basis.rowKey());
            if (current.isEmpty()) {
                return WriteOutcome.gone();
            }
            return mark.equals(current.get().text(WRITE_MARK)) ? WriteOutcome.written(current.get())
                : WriteOutcome.lostRace(current.get());
        } catch (RuntimeException noAnswer) {
            return settleUnanswered(basis.partitionKey(), basis.rowKey(), mark, noAnswer);
        }
    }

    /**
     * Deletes a row if nobody changed it since {@code basis} was read or written.
     *
     * @param basis the row as this writer knows it
     * @return {@link WriteOutcome.Kind#GONE} once the row does not exist (whoever removed it), or
     *     {@link WriteOutcome.Kind#LOST_RACE} with the row as another writer changed it
     */
    @Override
    public WriteOutcome delete(StoredRow basis) {
        TableEntity entity = new TableEntity(basis.partitionKey(), basis.rowKey())
            .addProperty("odata.etag", basis.eTag());
        try {
            table.deleteEntityWithResponse(entity, true, null, Context.NONE);
            return WriteOutcome.gone();
        } catch (TableServiceException e) {
            int status = statusOf(e);
            if (status != PRECONDITION_FAILED && status != NOT_FOUND) {
                throw e;
            }
            return read(basis.partitionKey(), basis.rowKey()).map(WriteOutcome::lostRace)
                .orElseGet(WriteOutcome::gone);
        } catch (RuntimeException noAnswer) {
            Optional<StoredRow> current = readAfter(basis.partitionKey(), basis.rowKey(), noAnswer);
            if (current.isEmpty()) {
                return WriteOutcome.gone();
            }
            if (current.get().eTag().equals(basis.eTag())) {
                throw noAnswer;
            }
            return WriteOutcome.lostRace(current.get());
        }
    }

    /**
     * Lists rows.
     *
     * @param filter an OData filter, or {@code null} for every row
     * @return the rows
     */
    public List<StoredRow> list(String filter) {
        List<StoredRow> rows = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)
            .forEach(entity -> rows.add(StoredRow.of(entity)));
        return rows;
    }

    @Override
    public List<StoredRow> listBelow(String rowKey, String property, long bound) {
        if (!rowKey.matches("[A-Za-z0-9_-]+") || !property.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A row key and a property name to list by are plain names.");
        }
        return list("RowKey eq '" + rowKey + "' and " + property + " lt " + bound + "L");
    }

    /**
     * A write that got no usable answer: applied if the row now carries its mark, otherwise the failure stands.
     */
    private WriteOutcome settleUnanswered(String partitionKey, String rowKey, String mark, RuntimeException failure) {
        Optional<StoredRow> current = readAfter(partitionKey, rowKey, failure);
        if (current.isPresent() && mark.equals(current.get().text(WRITE_MARK))) {
            return WriteOutcome.written(current.get());
        }
        throw failure;
    }

    private Optional<StoredRow> readAfter(String partitionKey, String rowKey, RuntimeException failure) {
        try {
            return read(partitionKey, rowKey);
        } catch (RuntimeException stillDown) {
            failure.addSuppressed(stillDown);
            throw failure;
        }
    }

    private static TableEntity entity(String partitionKey, String rowKey, Map<String, ?> properties, String mark,
        String eTag) {
        TableEntity entity = new TableEntity(partitionKey, rowKey);
        properties.forEach((name, value) -> {
            if (value != null && !StoredRow.isSystemProperty(name)) {
                entity.addProperty(name, value);
            }
        });
        entity.addProperty(WRITE_MARK, mark);
        if (eTag != null) {
            entity.addProperty("odata.etag", eTag);
        }
        return entity;
    }

    private static StoredRow rowOf(TableEntity written, Response<Void> response) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(written.getProperties());
        properties.keySet().removeIf(StoredRow::isSystemProperty);
        return new StoredRow(written.getPartitionKey(), written.getRowKey(), properties,
            ETags.repair(response.getHeaders().getValue(HttpHeaderName.ETAG)));
    }

    private static String newMark() {
        return UUID.randomUUID().toString();
    }

    private static int statusOf(TableServiceException e) {
        return e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
    }
}
