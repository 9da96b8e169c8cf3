package io.github.adfkit.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealingKeysTest {
    private static final String SECRET = "https://x.svc.datafactory.azure.com/cb?callbackid=42&code=s3cr3t";
    private static final byte[] OLD = filled(1);
    private static final byte[] NEW = filled(2);

    @Test
    void aSealedValueShowsNothingOfTheSecretAndOpensAgain() {
        SealingKeys keys = SealingKeys.of("k1", OLD);
        String sealed = keys.seal(SECRET);

        assertThat(sealed).startsWith("adfkit-sealed:v1:k1:").doesNotContain("s3cr3t", "code=", "callbackid",
            "datafactory");
        assertThat(keys.seal(SECRET)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(keys.open(sealed)).isEqualTo(SECRET);
    }

    @Test
    void valuesSealedBeforeAKeyRotationStayReadable() {
        String before = SealingKeys.of("k1", OLD).seal(SECRET);
        SealingKeys rotated = SealingKeys.of("k2", NEW).withRetiredKey("k1", OLD);

        assertThat(rotated.open(before)).isEqualTo(SECRET);
        assertThat(rotated.seal(SECRET)).startsWith("adfkit-sealed:v1:k2:");
        assertThatThrownBy(() -> SealingKeys.of("k2", NEW).open(before)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'k1'");
    }

    @Test
    void anAlteredOrForeignValueIsRefused() {
        SealingKeys keys = SealingKeys.of("k1", OLD);
        String sealed = keys.seal(SECRET);
        String altered = withOneByteFlipped(sealed);

        assertThatThrownBy(() -> keys.open(altered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealingKeys.of("k1", NEW).open(sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.open(SECRET)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> SealingKeys.of("k1", new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealingKeys.of("k 1", OLD)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Flips one byte of the sealed payload (not a base64 character: its low bits may be padding). */
    private static String withOneByteFlipped(String sealed) {
        int payloadStart = sealed.lastIndexOf(':') + 1;
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(payloadStart));
        payload[payload.length / 2] ^= 0x01;
        return sealed.substring(0, payloadStart) + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[SealingKeys.KEY_BYTES];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
