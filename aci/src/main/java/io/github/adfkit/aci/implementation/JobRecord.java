package io.github.adfkit.aci.implementation;

import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobRetryPolicy;
import io.github.adfkit.aci.models.PipelineRunReference;
import io.github.adfkit.aci.models.RestartPolicy;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.implementation.StoredRow;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a watched job is kept in Table storage: one row per container group (partition {@value #PARTITION}, row key
 * the group's lower-case {@link JobIdentity#key()}, so the row also claims the group's name), with the job's identity
 * and, in its journal, the side effects done for it. The lease and the journal themselves are core's
 * {@link io.github.adfkit.core.implementation.LeasedRow}.
 */
public final class JobRecord {
    /** The partition every job row is in. */
    public static final String PARTITION = "aci-job";
    /** Journal step: the container group was created by this job (value: the HTTP status of the create). */
    public static final String GROUP_CREATED = "GroupCreated";
    /** Journal step: the job ended and its outcome, with the log tail, is stored (value: the outcome JSON). */
    public static final String OUTCOME = "Outcome";
    /** Journal step: the group was cleaned up (value: the {@link io.github.adfkit.aci.models.CleanupOutcome}). */
    public static final String CLEANUP = "Cleanup";
    /** Journal step: the ADF callback was delivered, or given up (value: {@link #DELIVERED} or why not). */
    public static final String CALLBACK = "Callback";
    /** The {@link #CALLBACK} value of a callback ADF accepted. */
    public static final String DELIVERED = "DELIVERED";
    /** The property that says whether the group is the job's own to clean up. */
    public static final String GROUP_OWNED = "GroupOwned";
    /** The property that holds the earlier attempts of a retried job, as JSON. */
    public static final String ATTEMPTS = "Attempts";
    /** The partition of cancel requests: one row per job, same row key, written by any host. */
    public static final String CANCEL_PARTITION = "aci-job-cancel";
    /** The property of a cancel request row that says why. */
    public static final String CANCEL_REASON = "Reason";
    /** The property that holds the cleanup message of a leaked group. */
    public static final String CLEANUP_MESSAGE = "CleanupMessage";

    private JobRecord() {
    }

    /**
     * @param job a job's identity
     * @return the row key of its record
     */
    public static String rowKey(JobIdentity job) {
        return job.key();
    }

    /**
     * @param job a job's identity
     * @return the properties of a new record (no secure value is among them)
     */
    public static Map<String, Object> properties(JobIdentity job) {
        ContainerGroupRef ref = job.ref();
        Map<String, Object> properties = new HashMap<>();
        properties.put("SubscriptionId", ref.subscriptionId());
        properties.put("ResourceGroup", ref.resourceGroup());
        properties.put("GroupName", ref.groupName());
        properties.put("ContainerName", ref.containerName());
        properties.put("Image", job.image());
        properties.put("Location", job.location());
        properties.put("RestartPolicy", job.restartPolicy().name());
        properties.put("CleanupPolicy", job.cleanupPolicy().name());
        properties.put("DeadlineMillis", job.deadline().toEpochMilli());
        properties.put("LogTailLines", job.logTailLines());
        properties.put("CallbackUri", job.callbackUri());
        properties.put(GROUP_OWNED, false);
        ContainerJobRetryPolicy retry = job.retryPolicy();
        properties.put("RetryMaxAttempts", retry.getMaxAttempts());
        properties.put("RetryBackoffMillis", retry.getBackoff().getInitial().toMillis());
        properties.put("RetryBackoffMaxMillis", retry.getBackoff().getMax().toMillis());
        properties.put("RetryOn", retry.getRetryOn().stream().map(Enum::name).collect(Collectors.joining(",")));
        PipelineRunReference run = job.pipelineRun();
        if (run != null) {
            properties.put("PipelineRun", String.join("|", Objects.requireNonNullElse(run.getSubscriptionId(), ""),
                run.getResourceGroup(), run.getFactoryName(), run.getRunId()));
        }
        return properties;
    }

    /**
     * @param row a stored record
     * @return the job's identity
     */
    public static JobIdentity identity(StoredRow row) {
        ContainerGroupRef ref = new ContainerGroupRef(row.text("SubscriptionId"), row.text("ResourceGroup"),
            row.text("GroupName"), row.text("ContainerName"));
        return new JobIdentity(ref, row.text("Image"), row.text("Location"),
            RestartPolicy.valueOf(row.text("RestartPolicy")), CleanupPolicy.valueOf(row.text("CleanupPolicy")),
            Instant.ofEpochMilli(row.number("DeadlineMillis")), row.number("LogTailLines").intValue(),
            row.text("CallbackUri"), retryPolicy(row), pipelineRun(row.text("PipelineRun")));
    }

    private static ContainerJobRetryPolicy retryPolicy(StoredRow row) {
        if (row.number("RetryMaxAttempts") == null || row.number("RetryMaxAttempts") <= 1) {
            return ContainerJobRetryPolicy.none();
        }
        Set<ContainerJobFailureReason> retryOn = EnumSet.noneOf(ContainerJobFailureReason.class);
        for (String name : Objects.requireNonNullElse(row.text("RetryOn"), "").split(",")) {
            if (!name.isEmpty()) {
                retryOn.add(ContainerJobFailureReason.valueOf(name));
            }
        }
        // The backoff's multiplier and jitter are not stored: a job resumed elsewhere spaces its attempts with
        // the default exponential backoff between the stored initial and maximum delay.
        return ContainerJobRetryPolicy.of(row.number("RetryMaxAttempts").intValue(), Backoff.exponential(
            Duration.ofMillis(row.number("RetryBackoffMillis")), Duration.ofMillis(row.number("RetryBackoffMaxMillis"))),
            retryOn);
    }

    private static PipelineRunReference pipelineRun(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\|", -1);
        return new PipelineRunReference(parts[0].isEmpty() ? null : parts[0], parts[1], parts[2], parts[3]);
    }

    /**
     * @param row a stored record
     * @return whether the group is the job's own to clean up
     */
    public static boolean groupOwned(StoredRow row) {
        return Boolean.TRUE.equals(row.flag(GROUP_OWNED));
    }
}
