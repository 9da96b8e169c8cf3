package io.github.adfkit.pauserestart.models;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;

import java.time.Instant;
import java.util.Objects;

/**
 * The data a pause handed over, as the resumed pipeline reads it back by pause id.
 */
@Immutable
public final class PauseData {
    private final String pauseId;
    private final String json;
    private final Instant createdAt;
    private final Instant expiresAt;

    /**
     * Creates the data; {@code PauseRestartClient.getData} is where it comes from.
     *
     * @param pauseId the pause id
     * @param json the data as JSON text
     * @param createdAt when the pause was made
     * @param expiresAt when its restart link expires
     */
    public PauseData(String pauseId, String json, Instant createdAt, Instant expiresAt) {
        this.pauseId = Objects.requireNonNull(pauseId, "'pauseId' cannot be null.");
        this.json = Objects.requireNonNull(json, "'json' cannot be null.");
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /**
     * @return the pause id
     */
    public String getPauseId() {
        return pauseId;
    }

    /**
     * @return the data as JSON text, exactly as stored
     */
    public String getJson() {
        return json;
    }

    /**
     * @return the data, for {@code toObject(MyType.class)}
     */
    public BinaryData getData() {
        return BinaryData.fromString(json);
    }

    /**
     * @return when the pause was made
     */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * @return when its restart link expires
     */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "PauseData{pauseId=" + pauseId + ", " + json.length() + " characters}";
    }
}
