package io.github.adfkit.aci;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.implementation.LeasedRow;

import java.time.Duration;
import java.util.Set;

/**
 * Keeps a manual clock from running ahead of the lease renewals of live hosts: core renews a held lease on an I/O
 * thread once a third of it has passed, so before the clock moves on, every row held by a live host must have more
 * than half its lease left (its renewal has landed). Rows of hosts that died or were closed are left to run out.
 */
final class LeaseGate implements Runnable {
    private final TableClient table;
    private final ManualClock clock;
    private final Duration lease;
    private final Set<String> liveHosts;

    LeaseGate(TableClient table, ManualClock clock, Duration lease, Set<String> liveHosts) {
        this.table = table;
        this.clock = clock;
        this.lease = lease;
        this.liveHosts = liveHosts;
    }

    @Override
    public void run() {
        FakeAci.await(this::renewalsLanded, Duration.ofSeconds(20));
    }

    private boolean renewalsLanded() {
        long mustLast = clock.now().plus(lease.dividedBy(2)).toEpochMilli();
        for (TableEntity row : table.listEntities()) {
            Object owner = row.getProperty(LeasedRow.LEASE_OWNER);
            Object until = row.getProperty(LeasedRow.LEASE_UNTIL);
            if (liveHosts.contains(String.valueOf(owner)) && until instanceof Number end
                && end.longValue() > 0 && end.longValue() <= mustLast) {
                return false;
            }
        }
        return true;
    }
}
