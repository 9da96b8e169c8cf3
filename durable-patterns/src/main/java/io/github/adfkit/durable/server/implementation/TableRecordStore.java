package io.github.adfkit.durable.server.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.github.adfkit.core.implementation.ETags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RecordStore} in an Azure Table: the record id is the partition key, the record type the row key. Writes
 * are ETag-conditional ({@code If-Match}) or insert-only, so several hosts can share one table.
 *
 * <p>A Table property holds at most 64 KiB (32,000 UTF-16 characters here); a longer text property is split over
 * numbered properties of the same entity ({@code Result_0}, {@code Result_1}, ... with {@code Result_Chunks}) and
 * joined again on read. Text that does not fit in {@value #MAX_CHUNKS} chunks is refused with
 * {@link RecordTooLargeException}, never cut.</p>
 */
public final class TableRecordStore implements RecordStore {
    /** The most characters kept in one Table property. */
    public static final int MAX_CHARS_PER_PROPERTY = 32_000;
    /** The most properties one text value is split over (the entity stays below Table storage's 1 MiB). */
    public static final int MAX_CHUNKS = 14;

    private static final String CHUNKS_SUFFIX = "_Chunks";
    private static final String CHUNK_SEPARATOR = "_";
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final TableClient table;

    /**
     * @param table an existing table
     */
    public TableRecordStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "'table' cannot be null.");
    }

    @Override
    public Optional<StoredRecord> insert(RecordKey key, Map<String, Object> properties) {
        TableEntity entity = toEntity(key, properties, null);
        try {
            Response<Void> response = table.createEntityWithResponse(entity, null, Context.NONE);
            return Optional.of(new StoredRecord(key, properties, etagOf(response)));
        } catch (TableServiceException e) {
            if (statusOf(e) == CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredRecord> read(RecordKey key) {
        try {
            TableEntity entity = table.getEntityWithResponse(key.id(), key.type().storedName(), null, null,
                Context.NONE).getValue();
            return Optional.of(fromEntity(key, entity));
        } catch (TableServiceException e) {
            if (statusOf(e) == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredRecord> replace(RecordKey key, String etag, Map<String, Object> properties) {
        TableEntity entity = toEntity(key, properties, Objects.requireNonNull(etag, "'etag' cannot be null."));
        try {
            Response<Void> response = table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true,
                null, Context.NONE);
            return Optional.of(new StoredRecord(key, properties, etagOf(response)));
        } catch (TableServiceException e) {
            if (statusOf(e) == PRECONDITION_FAILED || statusOf(e) == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean delete(RecordKey key, String etag) {
        TableEntity entity = new TableEntity(key.id(), key.type().storedName())
            .addProperty("odata.etag", Objects.requireNonNull(etag, "'etag' cannot be null."));
        try {
            return table.deleteEntityWithResponse(entity, true, null, Context.NONE).getStatusCode() / 100 == 2;
        } catch (TableServiceException e) {
            if (statusOf(e) == PRECONDITION_FAILED || statusOf(e) == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<StoredRecord> listBelow(RecordType type, String property, long bound) {
        String filter = "RowKey eq '" + type.storedName() + "' and " + property + " lt " + bound + "L";
        List<StoredRecord> found = new ArrayList<>();
        for (TableEntity entity : table.listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)) {
            if (OperationIds.isHexKey(entity.getPartitionKey())) {
                found.add(fromEntity(new RecordKey(type, entity.getPartitionKey()), entity));
            }
        }
        return found;
    }

    private static TableEntity toEntity(RecordKey key, Map<String, Object> properties, String etag) {
        TableEntity entity = new TableEntity(key.id(), key.type().storedName());
        properties.forEach((name, value) -> {
            if (value instanceof String text && text.length() > MAX_CHARS_PER_PROPERTY) {
                addChunks(entity, name, text);
            } else if (value != null) {
                entity.addProperty(name, value);
            }
        });
        if (etag != null) {
            entity.addProperty("odata.etag", etag);
        }
        return entity;
    }

    private static void addChunks(TableEntity entity, String name, String text) {
        int chunks = (text.length() + MAX_CHARS_PER_PROPERTY - 1) / MAX_CHARS_PER_PROPERTY;
        if (chunks > MAX_CHUNKS) {
            throw new RecordTooLargeException(name.toLowerCase(Locale.ROOT), text.length(),
                (long) MAX_CHUNKS * MAX_CHARS_PER_PROPERTY);
        }
        for (int i = 0; i < chunks; i++) {
            int start = i * MAX_CHARS_PER_PROPERTY;
            entity.addProperty(name + CHUNK_SEPARATOR + i,
                text.substring(start, Math.min(text.length(), start + MAX_CHARS_PER_PROPERTY)));
        }
        entity.addProperty(name + CHUNKS_SUFFIX, chunks);
    }

    private static StoredRecord fromEntity(RecordKey key, TableEntity entity) {
        Map<String, Object> raw = entity.getProperties();
        Map<String, Object> properties = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (name.endsWith(CHUNKS_SUFFIX)) {
                String base = name.substring(0, name.length() - CHUNKS_SUFFIX.length());
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < ((Number) value).intValue(); i++) {
                    joined.append(raw.get(base + CHUNK_SEPARATOR + i));
                }
                properties.put(base, joined.toString());
            } else if (isOwnProperty(name, raw)) {
                properties.put(name, value);
            }
        });
        return new StoredRecord(key, properties, entity.getETag());
    }

    private static boolean isOwnProperty(String name, Map<String, Object> raw) {
        if (name.startsWith("odata.") || name.equals("PartitionKey") || name.equals("RowKey")
            || name.equals("Timestamp")) {
            return false;
        }
        int separator = name.lastIndexOf(CHUNK_SEPARATOR);
        return separator < 0 || !raw.containsKey(name.substring(0, separator) + CHUNKS_SUFFIX);
    }

    /**
     * The ETag of a write, from its response header, its closing quote restored where Azurite dropped it
     * ({@link ETags}).
     */
    private static String etagOf(Response<Void> response) {
        return ETags.repair(response.getHeaders().getValue(HttpHeaderName.ETAG));
    }

    private static int statusOf(TableServiceException e) {
        return e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
    }
}
