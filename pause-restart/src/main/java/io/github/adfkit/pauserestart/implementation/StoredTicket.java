package io.github.adfkit.pauserestart.implementation;

import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A restart ticket as read from Table storage, with the ETag it was read with. The run a restart started is kept in
 * the ticket's journal (step {@value #RUN_STARTED}, with the run id), in the same write that marks the ticket used.
 */
public final class StoredTicket {
    static final String TICKET_ROW = "ticket";
    static final String PAUSE_ID = "pauseId";
    static final String TENANT_ID = "tenantId";
    static final String SUBSCRIPTION_ID = "subscriptionId";
    static final String RESOURCE_GROUP = "resourceGroupName";
    static final String FACTORY = "factoryName";
    static final String PIPELINE = "pipelineName";
    static final String PAUSE_ID_PARAMETER = "pauseIdParameter";
    static final String PARAMETERS = "parameters";
    static final String STATE = "state";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String CLAIMED_AT = "claimedAt";
    static final String CLAIMS = "claims";
    static final String USED_AT = "usedAt";
    static final String FAILURE_REASON = "failureReason";
    /** The journal step of the started run; its value is the run id. */
    static final String RUN_STARTED = "RunStarted";

    private final StoredRow row;

    StoredTicket(StoredRow row) {
        this.row = row;
    }

    StoredRow row() {
        return row;
    }

    /**
     * @return the pause id
     */
    public String pauseId() {
        return row.text(PAUSE_ID);
    }

    /**
     * @return the pipeline a restart starts
     */
    public PipelineTarget target() {
        return new PipelineTarget(row.text(SUBSCRIPTION_ID), row.text(RESOURCE_GROUP), row.text(FACTORY),
            row.text(PIPELINE)).withTenantId(row.text(TENANT_ID));
    }

    /**
     * @return the name of the pipeline parameter that carries the pause id
     */
    public String pauseIdParameter() {
        return row.text(PAUSE_ID_PARAMETER);
    }

    /**
     * @return the extra pipeline parameters as JSON object text
     */
    public String parametersJson() {
        return row.text(PARAMETERS);
    }

    /**
     * @return the state
     */
    public TicketState state() {
        return TicketState.valueOf(row.text(STATE));
    }

    /**
     * @return when the link expires
     */
    public Instant expiresAt() {
        return instantOf(row, EXPIRES_AT);
    }

    /**
     * @return when the pause was made
     */
    public Instant createdAt() {
        return instantOf(row, CREATED_AT);
    }

    /**
     * @return when the latest claim was made, or {@code null}
     */
    public Instant claimedAt() {
        return instantOf(row, CLAIMED_AT);
    }

    /**
     * @return how many restarts have claimed this ticket, this one included
     */
    public int claims() {
        Long claims = row.number(CLAIMS);
        return claims == null ? 0 : claims.intValue();
    }

    /**
     * @return when the run was started, or {@code null}
     */
    public Instant usedAt() {
        return instantOf(row, USED_AT);
    }

    /**
     * @return the id of the run the journal records, or {@code null} if no run is recorded
     */
    public String runId() {
        return LeasedRow.doneValue(row, RUN_STARTED);
    }

    /**
     * @return why the last restart did not start the run, or {@code null}
     */
    public String failureReason() {
        return row.text(FAILURE_REASON);
    }

    /**
     * @param restartId the lease owner a new restart would claim with
     * @param now the current instant
     * @return whether another restart holds the ticket now: its claim is renewed while it runs
     */
    boolean isHeldByAnother(String restartId, Instant now) {
        return !LeasedRow.isClaimable(row, restartId, now);
    }

    static Instant instantOf(StoredRow row, String name) {
        Object value = row.properties().get(name);
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toInstant();
        }
        return value == null ? null : OffsetDateTime.parse(value.toString()).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
