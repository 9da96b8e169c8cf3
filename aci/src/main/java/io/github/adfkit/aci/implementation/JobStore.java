package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The job registry in Table storage, on core's {@link ConditionalTable} and {@link LeasedRow}: a job's row is
 * created with this host's lease held (which also claims the group's name: a second job for the same group is told
 * the row exists), and a row whose lease has run out is claimed by one host only. Store calls block for one Table
 * request, so they run on Reactor's bounded elastic scheduler.
 */
public final class JobStore {
    private final ConditionalTable table;
    private final LeaseTerms terms;

    /**
     * @param table the table that holds the jobs (it must exist)
     * @param terms this host's lease terms
     */
    public JobStore(ConditionalTable table, LeaseTerms terms) {
        this.table = Objects.requireNonNull(table, "'table' cannot be null.");
        this.terms = Objects.requireNonNull(terms, "'terms' cannot be null.");
    }

    /**
     * Records a new job with this host's lease held.
     *
     * @param job the job's identity
     * @return the held record, or empty if a job for the same container group is recorded already
     */
    public Mono<Optional<LeasedRow>> create(JobIdentity job) {
        return blocking(() -> LeasedRow.create(table, JobRecord.PARTITION, JobRecord.rowKey(job),
            JobRecord.properties(job), terms));
    }

    /**
     * @return the recorded jobs whose lease this host may take: run out (their host died), released, or its own
     */
    public Mono<List<StoredRow>> claimable() {
        return blocking(() -> table.list("PartitionKey eq '" + JobRecord.PARTITION + "'").stream()
            .filter(row -> LeasedRow.isClaimable(row, terms.owner(), terms.clock().now()))
            .toList());
    }

    /**
     * @param row a record
     * @return whether this host may take its lease now
     */
    public boolean isClaimable(StoredRow row) {
        return LeasedRow.isClaimable(row, terms.owner(), terms.clock().now());
    }

    /**
     * @param row a claimable record as listed
     * @return the held record, or empty if another host won it
     */
    public Mono<Optional<LeasedRow>> claim(StoredRow row) {
        return blocking(() -> LeasedRow.claim(table, row, terms));
    }

    /**
     * @param rowKey a job's row key ({@link JobRecord#rowKey})
     * @return the job's record, or empty if no job of that group is recorded
     */
    public Mono<Optional<StoredRow>> read(String rowKey) {
        return blocking(() -> table.read(JobRecord.PARTITION, rowKey));
    }

    /**
     * Records a request to cancel a job, for the host that holds it to act on at its next poll. The request is a
     * row of its own (writing the job's row would break its holder's lease) and names the job's deadline, so that
     * a request left over never cancels a later job of the same group.
     *
     * @param job the job as recorded
     * @param reason why, in words
     * @return completes once the request is recorded
     */
    public Mono<Void> requestCancel(JobIdentity job, String reason) {
        return blocking(() -> table.create(JobRecord.CANCEL_PARTITION, JobRecord.rowKey(job), Map.of(
            JobRecord.CANCEL_REASON, reason, "DeadlineMillis", job.deadline().toEpochMilli()))).then();
    }

    /**
     * @param job a job
     * @return the reason of a cancel request recorded for it, or empty
     */
    public Mono<String> cancelRequest(JobIdentity job) {
        return blocking(() -> table.read(JobRecord.CANCEL_PARTITION, JobRecord.rowKey(job)))
            .flatMap(Mono::justOrEmpty)
            .filter(request -> Long.valueOf(job.deadline().toEpochMilli()).equals(request.number("DeadlineMillis")))
            .map(request -> request.text(JobRecord.CANCEL_REASON));
    }

    /**
     * Removes the cancel request of a job that has ended.
     *
     * @param job the job
     * @return completes once removed (or if there was none)
     */
    public Mono<Void> clearCancel(JobIdentity job) {
        return blocking(() -> table.read(JobRecord.CANCEL_PARTITION, JobRecord.rowKey(job)).map(table::delete))
            .then();
    }

    /**
     * Runs a blocking store call without holding a Reactor thread that must not block.
     *
     * @param call the call
     * @param <T> what it answers
     * @return emits its answer
     */
    static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
