package io.github.adfkit.durable.server.implementation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Operation ids and record keys. An operation id is 128 random bits from {@link SecureRandom} as 32 lowercase hex
 * characters; keys derived from caller input (Idempotency-Key, single-flight key) are SHA-256 hashes, so raw input
 * never becomes a Table key or part of a filter.
 */
public final class OperationIds {
    private static final int ID_BYTES = 16;
    private static final Pattern OPERATION_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{32,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private OperationIds() {
    }

    /**
     * @return a new, unguessable operation id
     */
    public static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /**
     * @param candidate text from a caller
     * @return whether it has the shape of an operation id (checked before any store is asked)
     */
    public static boolean isOperationId(String candidate) {
        return candidate != null && OPERATION_ID.matcher(candidate).matches();
    }

    /**
     * @param candidate a record id
     * @return whether it is 32 to 64 lowercase hex characters
     */
    public static boolean isHexKey(String candidate) {
        return HEX_KEY.matcher(candidate).matches();
    }

    /**
     * The record id for a key derived from caller input.
     *
     * @param kind the operation kind the key belongs to
     * @param callerKey the raw key
     * @return the SHA-256 of both, as 64 hex characters
     */
    public static String hashKey(String kind, String callerKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(kind.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HEX.formatHex(sha256.digest(callerKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("The JVM has no SHA-256.", missing);
        }
    }
}
