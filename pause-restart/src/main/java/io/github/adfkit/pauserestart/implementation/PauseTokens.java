package io.github.adfkit.pauserestart.implementation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Restart tokens: 64 bytes from a {@link SecureRandom}, encoded base64url without padding (86 characters from
 * {@code A-Z a-z 0-9 - _}), stored only as base64url(SHA-256(token)). A token's shape is checked before it is hashed
 * or looked up, so nothing a caller sends reaches a storage query unless it could be a real token.
 */
public final class PauseTokens {
    /** Random bytes per token. */
    public static final int TOKEN_BYTES = 64;
    /** Characters per encoded token. */
    public static final int TOKEN_LENGTH = 86;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PauseTokens() {
    }

    /**
     * @return a new token
     */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * @param candidate anything a caller sent
     * @return whether it has exactly the length and alphabet of a token
     */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param token a well-formed token
     * @return base64url(SHA-256(token)), 43 characters, safe as a Table storage key
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return ENCODER.encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256.", impossible);
        }
    }
}
