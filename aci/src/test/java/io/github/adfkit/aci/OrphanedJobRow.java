package io.github.adfkit.aci;

import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.implementation.ContainerGroupRef;
import io.github.adfkit.aci.implementation.JobRecord;
import io.github.adfkit.aci.implementation.JobIdentity;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobRetryPolicy;
import io.github.adfkit.aci.models.RestartPolicy;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.LeasedRow;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The row a host that died mid-job leaves in the job table: a WebHook job on its own group, the lease of a dead host
 * run out, and the journal steps the test marks done.
 */
final class OrphanedJobRow {
    private final JobIdentity identity;
    private final Map<String, Object> row;

    /**
     * @param groupName the job's container group
     * @param callbackUri the job's callBackUri, sealed in the row with {@link FakeAci#KEYS}
     * @param clock the hosts' clock: the lease ran out a second ago, the job's deadline is an hour away
     */
    OrphanedJobRow(String groupName, String callbackUri, ManualClock clock) {
        identity = new JobIdentity(new ContainerGroupRef(FakeAci.SUBSCRIPTION, FakeAci.RESOURCE_GROUP, groupName,
            "job"), "myacr.azurecr.io/job:1.2", "westeurope", RestartPolicy.NEVER, CleanupPolicy.DELETE_ALWAYS,
            clock.now().plus(Duration.ofHours(1)), 100, FakeAci.KEYS.seal(callbackUri), ContainerJobRetryPolicy.none(),
            null);
        row = new HashMap<>(JobRecord.properties(identity));
        row.put(LeasedRow.LEASE_OWNER, "dead-host");
        row.put(LeasedRow.LEASE_UNTIL, clock.now().minusSeconds(1).toEpochMilli());
        row.put(JobRecord.GROUP_OWNED, true);
    }

    /**
     * @param step a {@link JobRecord} journal step
     * @param value its journal value
     * @return this row
     */
    OrphanedJobRow done(String step, String value) {
        row.put(LeasedRow.DONE_PREFIX + step, value);
        return this;
    }

    /**
     * @param table the job table
     */
    void writeTo(TableClient table) {
        new ConditionalTable(table).create(JobRecord.PARTITION, JobRecord.rowKey(identity), row);
    }
}
