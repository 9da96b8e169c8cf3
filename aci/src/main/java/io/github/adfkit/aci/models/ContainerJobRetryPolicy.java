package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;
import io.github.adfkit.core.Backoff;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How often a container job is run again when an attempt fails, how long it waits between attempts, and for which
 * failure reasons. An attempt after a failed create creates the group again; an attempt after the group ran (an
 * eviction, an exit code) starts the same group again ({@code POST .../start}), so a job resumed on another host can
 * retry too. Every attempt is reported in {@link ContainerJobResult#getAttempts()}.
 *
 * <pre>{@code
 * spec.setRetryPolicy(ContainerJobRetryPolicy.onTransientFailures(3, Backoff.exponential(
 *     Duration.ofMinutes(1), Duration.ofMinutes(10))));
 * }</pre>
 */
@Immutable
public final class ContainerJobRetryPolicy {
    private static final ContainerJobRetryPolicy NONE = new ContainerJobRetryPolicy(1, Backoff.fixed(Duration.ofSeconds(1)),
        EnumSet.noneOf(ContainerJobFailureReason.class));
    private static final int MAX_ATTEMPTS = 20;

    private final int maxAttempts;
    private final Backoff backoff;
    private final Set<ContainerJobFailureReason> retryOn;

    private ContainerJobRetryPolicy(int maxAttempts, Backoff backoff, Set<ContainerJobFailureReason> retryOn) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.retryOn = Collections.unmodifiableSet(retryOn.isEmpty()
            ? EnumSet.noneOf(ContainerJobFailureReason.class) : EnumSet.copyOf(retryOn));
    }

    /**
     * @return the default: one attempt, no retry
     */
    public static ContainerJobRetryPolicy none() {
        return NONE;
    }

    /**
     * Retries what a new attempt can fix without a change to the job: a Spot eviction, no capacity or quota in the
     * region at the time, and a provisioning failure.
     *
     * @param maxAttempts how many attempts in all, the first included (2 to 20)
     * @param backoff the wait before attempt {@code n + 1} is {@code backoff.delay(n)}
     * @return the policy
     * @throws IllegalArgumentException if {@code maxAttempts} is out of range
     */
    public static ContainerJobRetryPolicy onTransientFailures(int maxAttempts, Backoff backoff) {
        return of(maxAttempts, backoff, EnumSet.of(ContainerJobFailureReason.SPOT_EVICTED,
            ContainerJobFailureReason.QUOTA_OR_CAPACITY, ContainerJobFailureReason.PROVISIONING_FAILED));
    }

    /**
     * @param maxAttempts how many attempts in all, the first included (1 to 20)
     * @param backoff the wait before attempt {@code n + 1} is {@code backoff.delay(n)}
     * @param retryOn the failure reasons that start another attempt; of {@link #isRetryable} kinds only
     * @return the policy
     * @throws IllegalArgumentException if {@code maxAttempts} is out of range or a reason cannot be retried
     */
    public static ContainerJobRetryPolicy of(int maxAttempts, Backoff backoff, Set<ContainerJobFailureReason> retryOn) {
        Objects.requireNonNull(backoff, "'backoff' cannot be null.");
        Objects.requireNonNull(retryOn, "'retryOn' cannot be null.");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("'maxAttempts' must be 1 to " + MAX_ATTEMPTS + "; was " + maxAttempts
                + ".");
        }
        for (ContainerJobFailureReason reason : retryOn) {
            if (!isRetryable(reason)) {
                throw new IllegalArgumentException("A job cannot be retried on " + reason + ": another attempt would "
                    + "not change it (or it was asked for).");
            }
        }
        return new ContainerJobRetryPolicy(maxAttempts, backoff, EnumSet.copyOf(retryOn.isEmpty()
            ? EnumSet.noneOf(ContainerJobFailureReason.class) : retryOn));
    }

    /**
     * @param reason a failure reason
     * @return whether a policy may retry it: Spot eviction, capacity, provisioning failure, a non-zero exit and a
     *     killed container (both only when asked); never a refused definition, a timeout, a cancellation, an
     *     inaccessible image, a deleted or taken group, or an ended pipeline
     */
    public static boolean isRetryable(ContainerJobFailureReason reason) {
        return switch (Objects.requireNonNull(reason, "'reason' cannot be null.")) {
            case SPOT_EVICTED, QUOTA_OR_CAPACITY, PROVISIONING_FAILED, NON_ZERO_EXIT, KILLED -> true;
            default -> false;
        };
    }

    /**
     * @param reason why an attempt failed
     * @param attempt the number of the attempt that failed, from 1
     * @return whether another attempt follows
     */
    public boolean shouldRetry(ContainerJobFailureReason reason, int attempt) {
        return reason != null && retryOn.contains(reason) && attempt < maxAttempts;
    }

    /**
     * @return how many attempts in all
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * @return the spacing of attempts
     */
    public Backoff getBackoff() {
        return backoff;
    }

    /**
     * @return the failure reasons that start another attempt
     */
    public Set<ContainerJobFailureReason> getRetryOn() {
        return retryOn;
    }

    @Override
    public String toString() {
        return "ContainerJobRetryPolicy{maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", retryOn=" + retryOn
            + '}';
    }
}
