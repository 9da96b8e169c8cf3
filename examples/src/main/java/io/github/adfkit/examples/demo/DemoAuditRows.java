package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's {@code audit} table: five days of rows around the seed's query window (10 to 12 October 2021), so the
 * answer the query must give is known in advance.
 */
final class DemoAuditRows {
    /** The query the tour submits: day first, as in the seed. */
    static final String QUERY = "s=10/10/2021&e=10/12/2021";
    /** Distinct ids with a certificate between 10 and 12 October: ids 0 to 39, seen on each of those days. */
    static final int EXPECTED_DISTINCT_IDS = 40;

    private static final LocalDate FIRST_DAY = LocalDate.of(2021, 10, 9);
    private static final int DAYS = 5;
    private static final int ROWS_PER_DAY = 50;
    private static final int IDS_IN_WINDOW = 40;

    private DemoAuditRows() {
    }

    /**
     * Writes the rows: on each day, ids {@code ID-0} to {@code ID-39} with a certificate, and ten rows without one
     * (which the query ignores) under ids that appear nowhere else. One transaction per day.
     *
     * @param audit the empty audit table
     * @return the table
     */
    static TableClient fill(TableClient audit) {
        for (int day = 0; day < DAYS; day++) {
            String partition = FIRST_DAY.plusDays(day).toString();
            List<TableTransactionAction> rows = new ArrayList<>();
            for (int row = 0; row < ROWS_PER_DAY; row++) {
                boolean certified = row < IDS_IN_WINDOW;
                rows.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE,
                    new TableEntity(partition, "row" + row)
                        .addProperty("identificationNumber", certified ? "ID-" + row : "UNCERTIFIED-" + day + "-" + row)
                        .addProperty("CertNumber", certified ? "C-" + day + "-" + row : "")));
            }
            audit.submitTransaction(rows);
        }
        return audit;
    }
}
