package io.github.adfkit.durable.models;

import com.azure.core.util.ExpandableStringEnum;
import com.azure.core.util.polling.LongRunningOperationStatus;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state of an asynchronous operation, as its status endpoint reports it: the Durable Functions
 * {@code runtimeStatus} values, the Azure REST guidelines status-monitor values and the two that adfkit derives from
 * a bare HTTP code ({@code Running} for 202, {@code Succeeded} for 200). Names are matched without regard to case;
 * any other name is kept as it was sent and treated as not finished, so a service may add states.
 */
public final class OperationRuntimeStatus extends ExpandableStringEnum<OperationRuntimeStatus> {
    // Initialised before the constants below, which use them.
    private static final Set<String> SUCCESS = Set.of("completed", "succeeded");
    private static final Set<String> FAILURE = Set.of("failed", "canceled", "terminated", "conflict");
    private static final Map<String, String> ALIASES = Map.of("cancelled", "Canceled");

    /** Accepted but not started (status monitor). */
    public static final OperationRuntimeStatus NOT_STARTED = fromString("NotStarted");
    /** Scheduled but not started (Durable). */
    public static final OperationRuntimeStatus PENDING = fromString("Pending");
    /** Running. */
    public static final OperationRuntimeStatus RUNNING = fromString("Running");
    /** Running (azure-core's spelling). */
    public static final OperationRuntimeStatus IN_PROGRESS = fromString("InProgress");
    /** Restarted itself with a new history; a transient state (Durable). */
    public static final OperationRuntimeStatus CONTINUED_AS_NEW = fromString("ContinuedAsNew");
    /** Suspended; it resumes when someone resumes it (Durable). */
    public static final OperationRuntimeStatus SUSPENDED = fromString("Suspended");
    /** Finished normally (Durable). */
    public static final OperationRuntimeStatus COMPLETED = fromString("Completed");
    /** Finished normally (status monitor, or a 200 without a status in the body). */
    public static final OperationRuntimeStatus SUCCEEDED = fromString("Succeeded");
    /** Finished with an error. */
    public static final OperationRuntimeStatus FAILED = fromString("Failed");
    /** Canceled. {@code Cancelled} (double L) is read as this value too. */
    public static final OperationRuntimeStatus CANCELED = fromString("Canceled");
    /** Stopped abruptly by a terminate request (Durable). */
    public static final OperationRuntimeStatus TERMINATED = fromString("Terminated");
    /** Refused because another operation with the same single-flight key was running (adfkit's server). */
    public static final OperationRuntimeStatus CONFLICT = fromString("Conflict");

    /**
     * Creates an empty value; use {@link #fromString(String)} instead.
     *
     * @deprecated use {@link #fromString(String)}
     */
    @Deprecated
    public OperationRuntimeStatus() {
    }

    /**
     * The value for a name, matching the known names without regard to case and keeping any other name as sent.
     *
     * @param name the status name from the service
     * @return the value, or {@code null} if {@code name} is {@code null}
     */
    public static OperationRuntimeStatus fromString(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(lower);
        if (alias != null) {
            return fromString(alias, OperationRuntimeStatus.class);
        }
        for (OperationRuntimeStatus known : values(OperationRuntimeStatus.class)) {
            if (known.toString().toLowerCase(Locale.ROOT).equals(lower)) {
                return known;
            }
        }
        return fromString(name.trim(), OperationRuntimeStatus.class);
    }

    /**
     * @return every value known so far, including names a service has sent
     */
    public static Collection<OperationRuntimeStatus> values() {
        return values(OperationRuntimeStatus.class);
    }

    /**
     * @return {@code true} for the states an operation never leaves: Completed, Succeeded, Failed, Canceled,
     *     Terminated, Conflict
     */
    public boolean isTerminal() {
        return isSuccess() || FAILURE.contains(key());
    }

    /**
     * @return {@code true} for Completed and Succeeded
     */
    public boolean isSuccess() {
        return SUCCESS.contains(key());
    }

    /**
     * @return the azure-core poller status for this state
     */
    public LongRunningOperationStatus toLongRunningOperationStatus() {
        if (isSuccess()) {
            return LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
        }
        if (FAILED.equals(this) || CONFLICT.equals(this)) {
            return LongRunningOperationStatus.FAILED;
        }
        if (isTerminal()) {
            return LongRunningOperationStatus.USER_CANCELLED;
        }
        return NOT_STARTED.equals(this) || PENDING.equals(this) ? LongRunningOperationStatus.NOT_STARTED
            : LongRunningOperationStatus.IN_PROGRESS;
    }

    private String key() {
        return toString().toLowerCase(Locale.ROOT);
    }
}
