package io.github.adfkit.aci.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableAsyncClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.github.adfkit.core.implementation.ETags;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.Optional;

/**
 * The job registry in Table storage. Every change after the first write is conditional on the row's ETag, so when
 * two hosts race for a job, one write wins and the other learns that it lost (an empty answer) before it acts.
 */
public final class JobStore {
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final TableAsyncClient table;

    /**
     * @param table the table that holds the jobs (it must exist)
     */
    public JobStore(TableAsyncClient table) {
        this.table = Objects.requireNonNull(table, "'table' cannot be null.");
    }

    /**
     * Writes a new job's row, replacing a finished one of the same group if it is still there.
     *
     * @param record the record
     * @return the record with its ETag
     */
    public Mono<JobRecord> create(JobRecord record) {
        return table.upsertEntityWithResponse(record.withETag(null).toEntity(), TableEntityUpdateMode.REPLACE)
            .map(response -> record.withETag(eTag(response)));
    }

    /**
     * Replaces a row if nobody changed it since it was read.
     *
     * @param changed the new content, carrying the ETag of the row it was read from
     * @return the record with its new ETag, or empty if another host changed or removed the row first
     */
    public Mono<Optional<JobRecord>> replaceIfUnchanged(JobRecord changed) {
        return table.updateEntityWithResponse(changed.toEntity(), TableEntityUpdateMode.REPLACE, true)
            .map(response -> Optional.of(changed.withETag(eTag(response))))
            .onErrorResume(TableServiceException.class, e -> lostRace(e) ? Mono.just(Optional.empty())
                : Mono.error(e));
    }

    /**
     * Removes a finished job's row if nobody changed it since it was read; a row already gone is fine.
     *
     * @param record the record, carrying its ETag
     * @return completes when removed
     */
    public Mono<Void> remove(JobRecord record) {
        return table.deleteEntityWithResponse(record.toEntity(), true).then()
            .onErrorResume(TableServiceException.class, e -> lostRace(e) ? Mono.empty() : Mono.error(e));
    }

    /**
     * @return every stored job (finished jobs are removed, so every row is a job to finish)
     */
    public Flux<JobRecord> list() {
        return table.listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq '" + JobRecord.PARTITION + "'"))
            .map(JobRecord::fromEntity);
    }

    private static boolean lostRace(TableServiceException e) {
        int status = e.getResponse().getStatusCode();
        return status == PRECONDITION_FAILED || status == NOT_FOUND || status == CONFLICT;
    }

    /**
     * The ETag a write answered with, its closing quote restored where the emulator dropped it ({@link ETags}).
     */
    private static String eTag(Response<?> response) {
        return ETags.repair(response.getHeaders().getValue(HttpHeaderName.ETAG));
    }
}
