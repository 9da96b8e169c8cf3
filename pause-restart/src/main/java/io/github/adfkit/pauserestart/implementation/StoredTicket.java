package io.github.adfkit.pauserestart.implementation;

import com.azure.data.tables.models.TableEntity;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A restart ticket as read from Table storage, with the ETag it was read with. Changes produce a new entity that
 * keeps that ETag, so the write is conditional on nobody having changed the row since.
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
    static final String CLAIM_ID = "claimId";
    static final String CLAIMS = "claims";
    static final String USED_AT = "usedAt";
    static final String RUN_ID = "runId";
    static final String FAILURE_REASON = "failureReason";

    private final TableEntity entity;

    StoredTicket(TableEntity entity) {
        this.entity = entity;
    }

    TableEntity entity() {
        return entity;
    }

    TableEntity changed(Map<String, Object> changes) {
        Map<String, Object> properties = new HashMap<>(entity.getProperties());
        properties.putAll(changes);
        return new TableEntity(entity.getPartitionKey(), entity.getRowKey()).setProperties(properties);
    }

    /**
     * @return the pause id
     */
    public String pauseId() {
        return text(PAUSE_ID);
    }

    /**
     * @return the pipeline a restart starts
     */
    public PipelineTarget target() {
        return new PipelineTarget(text(SUBSCRIPTION_ID), text(RESOURCE_GROUP), text(FACTORY), text(PIPELINE))
            .withTenantId(text(TENANT_ID));
    }

    /**
     * @return the name of the pipeline parameter that carries the pause id
     */
    public String pauseIdParameter() {
        return text(PAUSE_ID_PARAMETER);
    }

    /**
     * @return the extra pipeline parameters as JSON object text
     */
    public String parametersJson() {
        return text(PARAMETERS);
    }

    /**
     * @return the state
     */
    public TicketState state() {
        return TicketState.valueOf(text(STATE));
    }

    /**
     * @return when the link expires
     */
    public Instant expiresAt() {
        return instant(EXPIRES_AT);
    }

    /**
     * @return when the pause was made
     */
    public Instant createdAt() {
        return instant(CREATED_AT);
    }

    /**
     * @return when the latest claim was made, or {@code null}
     */
    public Instant claimedAt() {
        return instant(CLAIMED_AT);
    }

    /**
     * @return the latest claim's id, or {@code null}
     */
    public String claimId() {
        return text(CLAIM_ID);
    }

    /**
     * @return how many restarts have claimed this ticket, this one included
     */
    public int claims() {
        Object value = entity.getProperty(CLAIMS);
        return value instanceof Number ? ((Number) value).intValue() : 0;
    }

    /**
     * @return when the run was started, or {@code null}
     */
    public Instant usedAt() {
        return instant(USED_AT);
    }

    /**
     * @return the run id, or {@code null}
     */
    public String runId() {
        return text(RUN_ID);
    }

    /**
     * @return why the last restart did not start the run, or {@code null}
     */
    public String failureReason() {
        return text(FAILURE_REASON);
    }

    private String text(String name) {
        Object value = entity.getProperty(name);
        return value == null ? null : value.toString();
    }

    private Instant instant(String name) {
        return instantOf(entity, name);
    }

    static Instant instantOf(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toInstant();
        }
        return value == null ? null : OffsetDateTime.parse(value.toString()).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
