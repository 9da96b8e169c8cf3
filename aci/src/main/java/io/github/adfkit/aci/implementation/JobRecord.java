package io.github.adfkit.aci.implementation;

import com.azure.data.tables.models.TableEntity;
import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.RestartPolicy;

import java.time.Instant;

/**
 * A watched job as stored in Table storage: its settings, which host holds its lease and until when, its phase
 * and, once it has ended, its outcome. The ETag of the stored row makes every change conditional.
 *
 * @param settings the job's settings
 * @param phase {@link #WATCHING} or {@link #COMPLETED}
 * @param owner the host holding the lease
 * @param leaseUntil when the lease ends
 * @param outcomeJson the stored outcome once {@link #COMPLETED}, otherwise {@code null}
 * @param groupOwned whether the group is the job's own to clean up (false when it was never created, or belongs
 *     to someone else)
 * @param eTag the row's ETag, or {@code null} before it was written
 */
public record JobRecord(JobSettings settings, String phase, String owner, Instant leaseUntil, String outcomeJson,
    boolean groupOwned, String eTag) {
    /** The job is running or being launched. */
    public static final String WATCHING = "WATCHING";
    /** The job has ended; its outcome is stored, cleanup and the callback may still be due. */
    public static final String COMPLETED = "COMPLETED";
    /** The partition every job row is in. */
    public static final String PARTITION = "aci-job";

    private static final String ETAG_PROPERTY = "odata.etag";

    /**
     * A job just started by {@code owner}, not yet written.
     *
     * @param settings the job's settings
     * @param owner the host that starts it
     * @param leaseUntil when its lease ends
     * @return the record
     */
    public static JobRecord started(JobSettings settings, String owner, Instant leaseUntil) {
        return new JobRecord(settings, WATCHING, owner, leaseUntil, null, true, null);
    }

    /**
     * @param owner the new owner
     * @param until the new lease end
     * @return this record with the lease given to {@code owner}
     */
    public JobRecord leasedTo(String owner, Instant until) {
        return new JobRecord(settings, phase, owner, until, outcomeJson, groupOwned, eTag);
    }

    /**
     * @param outcome the outcome, as stored JSON
     * @param ownsGroup whether the group is the job's own to clean up
     * @return this record in the {@link #COMPLETED} phase
     */
    public JobRecord completed(String outcome, boolean ownsGroup) {
        return new JobRecord(settings, COMPLETED, owner, leaseUntil, outcome, ownsGroup, eTag);
    }

    /**
     * @param newETag the ETag the store answered with
     * @return this record with that ETag
     */
    public JobRecord withETag(String newETag) {
        return new JobRecord(settings, phase, owner, leaseUntil, outcomeJson, groupOwned, newETag);
    }

    /**
     * @return the row, carrying the ETag for a conditional write when there is one
     */
    public TableEntity toEntity() {
        ContainerGroupRef ref = settings.ref();
        TableEntity entity = new TableEntity(PARTITION, settings.key())
            .addProperty("SubscriptionId", ref.subscriptionId())
            .addProperty("ResourceGroup", ref.resourceGroup())
            .addProperty("GroupName", ref.groupName())
            .addProperty("ContainerName", ref.containerName())
            .addProperty("Image", settings.image())
            .addProperty("Location", settings.location())
            .addProperty("RestartPolicy", settings.restartPolicy().name())
            .addProperty("CleanupPolicy", settings.cleanupPolicy().name())
            .addProperty("DeadlineMillis", settings.deadline().toEpochMilli())
            .addProperty("LogTailLines", settings.logTailLines())
            .addProperty("Phase", phase)
            .addProperty("Owner", owner)
            .addProperty("LeaseUntilMillis", leaseUntil.toEpochMilli())
            .addProperty("GroupOwned", groupOwned);
        if (settings.callbackUri() != null) {
            entity.addProperty("CallbackUri", settings.callbackUri());
        }
        if (outcomeJson != null) {
            entity.addProperty("Outcome", outcomeJson);
        }
        if (eTag != null) {
            entity.addProperty(ETAG_PROPERTY, eTag);
        }
        return entity;
    }

    /**
     * @param entity a stored row
     * @return the record it holds
     */
    public static JobRecord fromEntity(TableEntity entity) {
        ContainerGroupRef ref = new ContainerGroupRef(text(entity, "SubscriptionId"), text(entity, "ResourceGroup"),
            text(entity, "GroupName"), text(entity, "ContainerName"));
        JobSettings settings = new JobSettings(ref, text(entity, "Image"), text(entity, "Location"),
            RestartPolicy.valueOf(text(entity, "RestartPolicy")), CleanupPolicy.valueOf(text(entity, "CleanupPolicy")),
            Instant.ofEpochMilli(number(entity, "DeadlineMillis")), (int) number(entity, "LogTailLines"),
            text(entity, "CallbackUri"));
        return new JobRecord(settings, text(entity, "Phase"), text(entity, "Owner"),
            Instant.ofEpochMilli(number(entity, "LeaseUntilMillis")), text(entity, "Outcome"),
            !Boolean.FALSE.equals(entity.getProperty("GroupOwned")), entity.getETag());
    }

    private static String text(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        return value == null ? null : value.toString();
    }

    private static long number(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
    }

    @Override
    public String toString() {
        return "JobRecord{" + settings.ref().displayName() + ", phase=" + phase + ", owner=" + owner
            + ", leaseUntil=" + leaseUntil + '}';
    }
}
