package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operation kind {@code rebuild}: rebuilds the audit report, which takes a while ({@link #DURATION}) and must
 * never run twice at once. It is single-flight in CONFLICT mode: a rebuild submitted while another runs ends at once
 * with status {@code Conflict}, and the caller submits again later.
 */
final class ReportRebuild {
    /** How long a rebuild takes. */
    static final Duration DURATION = Duration.ofSeconds(2);

    private ReportRebuild() {
    }

    /**
     * @param audit the audit table the report is built from
     * @return the kind; it takes no parameters
     */
    static OperationKind<String> kind(TableClient audit) {
        return OperationKind.of("rebuild", request -> "audit-report", report -> rebuild(audit))
            .withSingleFlight(report -> report, SingleFlightMode.CONFLICT);
    }

    private static Object rebuild(TableClient audit) throws InterruptedException {
        long rows = audit.listEntities(new ListEntitiesOptions().setSelect(List.of("RowKey")), null, null)
            .stream().count();
        Thread.sleep(DURATION.toMillis());
        return Map.of("rowsRead", rows);
    }
}
