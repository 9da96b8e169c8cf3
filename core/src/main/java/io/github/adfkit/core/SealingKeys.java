package io.github.adfkit.core;

import com.azure.core.annotation.Immutable;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keys a host gives adfkit to encrypt the secrets it must store, such as a WebHook's {@code callBackUri} with its
 * {@code code=}: AES-256-GCM, each sealed value tagged with the id of the key that sealed it. After a key rotation,
 * seal with the new key and keep the old one as a {@linkplain #withRetiredKey(String, byte[]) retired key}, so rows
 * written before stay readable.
 *
 * <pre>{@code
 * SealingKeys keys = SealingKeys.of("2024-06", Base64.getDecoder().decode(System.getenv("ADFKIT_SEALING_KEY")))
 *     .withRetiredKey("2024-01", Base64.getDecoder().decode(System.getenv("ADFKIT_SEALING_KEY_OLD")));
 * }</pre>
 *
 * <p>Keep the key in Key Vault or an app setting that references it, never next to the data it protects.</p>
 */
@Immutable
public final class SealingKeys {
    /** The length of a key, in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final String PREFIX = "adfkit-sealed:v1:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private SealingKeys(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * @param keyId the key's id, stored with every value it seals: 1 to 64 letters, digits, {@code .}, {@code _} or
     *     {@code -}
     * @param key {@value #KEY_BYTES} random bytes
     * @return keys that seal with this one
     * @throws IllegalArgumentException if the id or the key length is wrong
     */
    public static SealingKeys of(String keyId, byte[] key) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        keys.put(checkId(keyId), spec(key));
        return new SealingKeys(keyId, keys);
    }

    /**
     * A fresh random key that lives only in this process: values it seals cannot be read by another process or after
     * a restart. For tests and local demos.
     *
     * @param keyId the key's id
     * @return keys that seal with a new random key
     */
    public static SealingKeys generate(String keyId) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return of(keyId, key);
    }

    /**
     * Adds a key that opens values sealed before a rotation; it never seals.
     *
     * @param keyId the retired key's id
     * @param key its {@value #KEY_BYTES} bytes
     * @return the new keys
     * @throws IllegalArgumentException if the id is taken or malformed, or the key length is wrong
     */
    public SealingKeys withRetiredKey(String keyId, byte[] key) {
        if (keys.containsKey(checkId(keyId))) {
            throw new IllegalArgumentException("The key id '" + keyId + "' is already used.");
        }
        Map<String, SecretKeySpec> more = new LinkedHashMap<>(keys);
        more.put(keyId, spec(key));
        return new SealingKeys(currentKeyId, more);
    }

    /**
     * @return the id of the key that seals
     */
    public String getCurrentKeyId() {
        return currentKeyId;
    }

    /**
     * Encrypts a value with the current key.
     *
     * @param plaintext the value
     * @return {@code adfkit-sealed:v1:<keyId>:<base64url(nonce, ciphertext and tag)>}
     */
    public String seal(String plaintext) {
        Objects.requireNonNull(plaintext, "'plaintext' cannot be null.");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, currentKeyId, nonce,
            plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
        return PREFIX + currentKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /**
     * Decrypts a value sealed by these keys, the current one or a retired one.
     *
     * @param sealed what {@link #seal(String)} returned
     * @return the value
     * @throws IllegalArgumentException if the text is not a sealed value or was altered
     * @throws IllegalStateException if it was sealed with a key these keys do not hold (its id is in the message)
     */
    public String open(String sealed) {
        Objects.requireNonNull(sealed, "'sealed' cannot be null.");
        int idEnd = sealed.indexOf(':', PREFIX.length());
        if (!sealed.startsWith(PREFIX) || idEnd < 0) {
            throw new IllegalArgumentException("The value is not sealed by adfkit.");
        }
        String keyId = sealed.substring(PREFIX.length(), idEnd);
        if (!keys.containsKey(keyId)) {
            throw new IllegalStateException("The value was sealed with key '" + keyId + "', which is not configured; "
                + "add it with SealingKeys.withRetiredKey(...).");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(idEnd + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("The sealed value is damaged.");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("The sealed value is damaged.");
        }
        byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(crypt(Cipher.DECRYPT_MODE, keyId, nonce, body), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, String keyId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((PREFIX + keyId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException altered) {
            throw new IllegalArgumentException("The sealed value was altered or sealed with another key of the same "
                + "id.");
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("AES-GCM is not available in this JVM.", unavailable);
        }
    }

    private static String checkId(String keyId) {
        Objects.requireNonNull(keyId, "'keyId' cannot be null.");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("'keyId' must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }
        return keyId;
    }

    private static SecretKeySpec spec(byte[] key) {
        Objects.requireNonNull(key, "'key' cannot be null.");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("'key' must be " + KEY_BYTES + " bytes (AES-256), was " + key.length
                + ".");
        }
        return new SecretKeySpec(key.clone(), "AES");
    }

    @Override
    public String toString() {
        return "SealingKeys{current=" + currentKeyId + ", ids=" + keys.keySet() + '}';
    }
}
