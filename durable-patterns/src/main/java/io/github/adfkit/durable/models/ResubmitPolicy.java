package io.github.adfkit.durable.models;

import com.azure.core.annotation.Fluent;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.implementation.Json;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * When to start an operation again although it completed: its output says it could not proceed, for example
 * {@code {"Status": "Conflict"}} because another instance holds a lock. The operation is started again after a
 * delay until its output is OK, up to a number of attempts and, optionally, a deadline.
 *
 * <p>A run refused as a conflict ({@link OperationStatus#isConflict()}: adfkit's single-flight {@code Conflict}, a
 * status monitor {@code Failed} with the error code {@code Conflict}, or a start answered 409) is started again like
 * a run whose output is not OK, whatever the policy's predicate. Any other failed operation (Failed, Terminated,
 * Canceled, not found, timed out) is never re-submitted: it is reported as it is.</p>
 *
 * <pre>{@code
 * ResubmitPolicy policy = ResubmitPolicy.retryUnlessField("Status", "OK")
 *     .setMaxAttempts(6)
 *     .setDelay(Backoff.fixed(Duration.ofMinutes(1)));
 * }</pre>
 */
@Fluent
public final class ResubmitPolicy {
    /** The default number of attempts, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The default delay before each re-submit: 30 seconds doubling to 5 minutes, with jitter. */
    public static final Backoff DEFAULT_DELAY = Backoff.exponential(Duration.ofSeconds(30), Duration.ofMinutes(5));

    /** What a predicate is given when the operation has no result: the JSON {@code null}. */
    private static final BinaryData NO_RESULT = BinaryData.fromString("null");

    private final Predicate<BinaryData> notOk;
    private final String description;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Backoff delay = DEFAULT_DELAY;
    private Duration deadline;

    private ResubmitPolicy(Predicate<BinaryData> notOk, String description) {
        this.notOk = notOk;
        this.description = description;
    }

    /**
     * Re-submits when a predicate says the result is not OK.
     *
     * @param notOk given the operation's result as JSON ({@link OperationStatus#getResult()}; the JSON
     *     {@code null}, never {@code null}, when there is none), answers {@code true} when the operation must be
     *     started again
     * @return the policy
     */
    public static ResubmitPolicy retryWhen(Predicate<BinaryData> notOk) {
        return new ResubmitPolicy(Objects.requireNonNull(notOk, "'notOk' cannot be null."), "a custom predicate");
    }

    /**
     * Re-submits only runs refused as a conflict (for example by a single-flight server while another run holds the
     * lock); any completed run is OK.
     *
     * @return the policy
     */
    public static ResubmitPolicy conflictsOnly() {
        return new ResubmitPolicy(result -> false, "refused as a conflict only");
    }

    /**
     * Re-submits when a top-level field of the result has one of the values, e.g.
     * {@code retryWhenField("Status", "Conflict")}. Names and values are compared without regard to case.
     *
     * @param field the field name
     * @param notOkValues the values that mean "start again"
     * @return the policy
     */
    public static ResubmitPolicy retryWhenField(String field, String... notOkValues) {
        Set<String> values = lowerCase(field, notOkValues);
        return new ResubmitPolicy(result -> values.contains(fieldValue(Json.tree(result), field)),
            field + " in " + Arrays.toString(notOkValues));
    }

    /**
     * Re-submits unless a top-level field of the result has one of the values, e.g.
     * {@code retryUnlessField("Status", "OK")}. Names and values are compared without regard to case; a result
     * without the field is not OK.
     *
     * @param field the field name
     * @param okValues the values that mean "done"
     * @return the policy
     */
    public static ResubmitPolicy retryUnlessField(String field, String... okValues) {
        Set<String> values = lowerCase(field, okValues);
        return new ResubmitPolicy(result -> !values.contains(fieldValue(Json.tree(result), field)),
            field + " not in " + Arrays.toString(okValues));
    }

    /**
     * @param maxAttempts how many times the operation runs at most, the first included; at least 1. Default
     *     {@value #DEFAULT_MAX_ATTEMPTS}.
     * @return this policy
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     */
    public ResubmitPolicy setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("'maxAttempts' must be at least 1, was " + maxAttempts + ".");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    /**
     * @param delay the wait before each re-submit, by attempt. Default {@link #DEFAULT_DELAY}.
     * @return this policy
     */
    public ResubmitPolicy setDelay(Backoff delay) {
        this.delay = Objects.requireNonNull(delay, "'delay' cannot be null.");
        return this;
    }

    /**
     * @param deadline no re-submit starts later than this after the first start; {@code null} (the default) for
     *     none
     * @return this policy
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public ResubmitPolicy setDeadline(Duration deadline) {
        if (deadline != null && (deadline.isZero() || deadline.isNegative())) {
            throw new IllegalArgumentException("'deadline' must be positive, was " + deadline + ".");
        }
        this.deadline = deadline;
        return this;
    }

    /**
     * @param result an operation's result as JSON; {@code null} when there is none
     * @return {@code true} when the operation must be started again
     */
    public boolean isNotOk(BinaryData result) {
        return notOk.test(result == null ? NO_RESULT : result);
    }

    /**
     * @return how many times the operation runs at most
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * @return the wait before each re-submit
     */
    public Backoff getDelay() {
        return delay;
    }

    /**
     * @return the deadline for starting a re-submit, or {@code null}
     */
    public Duration getDeadline() {
        return deadline;
    }

    @Override
    public String toString() {
        return "ResubmitPolicy{notOk when " + description + ", maxAttempts=" + maxAttempts + ", delay=" + delay
            + ", deadline=" + deadline + '}';
    }

    private static Set<String> lowerCase(String field, String... values) {
        Objects.requireNonNull(field, "'field' cannot be null.");
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Give at least one value for the field '" + field + "'.");
        }
        return Arrays.stream(values).map(value -> Objects.requireNonNull(value, "A value cannot be null.")
            .toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static String fieldValue(JsonNode result, String field) {
        if (!result.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(field) && entry.getValue().isValueNode()) {
                return entry.getValue().asText().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
