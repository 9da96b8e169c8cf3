package io.github.adfkit.core.implementation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows written only conditionally: create if absent, replace or delete if the ETag still matches, with a lost race
 * and a row that is gone as {@link WriteOutcome}s. {@link ConditionalTable} keeps them in an Azure Table shared by
 * hosts; {@link InMemoryRows} keeps them in one process. {@link LeasedRow} works on either.
 */
public interface ConditionalRows {
    /**
     * @return a name for the rows in messages (the table's name)
     */
    String name();

    /**
     * Reads one row.
     *
     * @param partitionKey the partition key
     * @param rowKey the row key
     * @return the row, or empty if there is none
     */
    Optional<StoredRow> read(String partitionKey, String rowKey);

    /**
     * Creates a row that must not exist yet.
     *
     * @param partitionKey the partition key
     * @param rowKey the row key
     * @param properties the row's properties ({@code null} values are left out)
     * @return {@link WriteOutcome.Kind#WRITTEN}, or {@link WriteOutcome.Kind#LOST_RACE} with the row another writer
     *     created
     */
    WriteOutcome create(String partitionKey, String rowKey, Map<String, ?> properties);

    /**
     * Replaces a row if nobody changed it since {@code basis} was read or written.
     *
     * @param basis the row as this writer knows it
     * @param properties the row's new properties ({@code null} values are left out)
     * @return {@link WriteOutcome.Kind#WRITTEN}, {@link WriteOutcome.Kind#LOST_RACE} with the row as the other
     *     writer left it, or {@link WriteOutcome.Kind#GONE}
     */
    WriteOutcome replace(StoredRow basis, Map<String, ?> properties);

    /**
     * Deletes a row if nobody changed it since {@code basis} was read or written.
     *
     * @param basis the row as this writer knows it
     * @return {@link WriteOutcome.Kind#GONE} once the row does not exist, or {@link WriteOutcome.Kind#LOST_RACE}
     *     with the row as another writer changed it
     */
    WriteOutcome delete(StoredRow basis);

    /**
     * Lists the rows with a row key whose whole-number property is below a bound, such as the records whose
     * {@link LeasedRow#LEASE_UNTIL} has passed. Rows without the property are not listed.
     *
     * @param rowKey the row key
     * @param property a whole-number property
     * @param bound the exclusive upper bound
     * @return the rows
     */
    List<StoredRow> listBelow(String rowKey, String property, long bound);
}
