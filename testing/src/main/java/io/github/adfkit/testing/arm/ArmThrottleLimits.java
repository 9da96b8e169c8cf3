package io.github.adfkit.testing.arm;

/**
 * The token buckets of {@link ArmFakeServer#throttleLikeArm(java.util.function.Supplier, ArmThrottleLimits)}: per
 * subscription and operation type, a bucket size and the tokens added each second.
 *
 * @param readBucket the bucket of reads (GET, HEAD)
 * @param readRefillPerSecond the reads added each second
 * @param writeBucket the bucket of writes (PUT, PATCH, POST)
 * @param writeRefillPerSecond the writes added each second
 * @param deleteBucket the bucket of deletes
 * @param deleteRefillPerSecond the deletes added each second
 */
public record ArmThrottleLimits(int readBucket, int readRefillPerSecond, int writeBucket, int writeRefillPerSecond,
    int deleteBucket, int deleteRefillPerSecond) {
    /**
     * ARM's published subscription limits ("Understand how Azure Resource Manager throttles requests", section
     * "Regional throttling and token bucket algorithm"): reads 250 refilled by 25 a second, writes and deletes 200
     * refilled by 10.
     */
    public static final ArmThrottleLimits ARM = new ArmThrottleLimits(250, 25, 200, 10, 200, 10);

    /**
     * Checks the values.
     *
     * @param readBucket the bucket of reads
     * @param readRefillPerSecond the reads added each second
     * @param writeBucket the bucket of writes
     * @param writeRefillPerSecond the writes added each second
     * @param deleteBucket the bucket of deletes
     * @param deleteRefillPerSecond the deletes added each second
     * @throws IllegalArgumentException if a value is below 1
     */
    public ArmThrottleLimits {
        if (Math.min(Math.min(readBucket, readRefillPerSecond), Math.min(Math.min(writeBucket, writeRefillPerSecond),
            Math.min(deleteBucket, deleteRefillPerSecond))) < 1) {
            throw new IllegalArgumentException("Every bucket size and refill must be at least 1.");
        }
    }
}
