package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.time.OffsetDateTime;

/**
 * An event ACI reported for the group or its container: {@code Pulling}, {@code Pulled}, {@code Started},
 * {@code Failed} (an image pull failure), {@code Killing} (an OOM kill), and so on.
 */
@Immutable
public final class ContainerJobEvent {
    private final String name;
    private final String message;
    private final String type;
    private final int count;
    private final OffsetDateTime firstTimestamp;
    private final OffsetDateTime lastTimestamp;

    /**
     * @param name the event name, such as {@code Pulling}
     * @param message what ACI said
     * @param type {@code Normal} or {@code Warning}
     * @param count how many times it happened
     * @param firstTimestamp when it first happened; may be {@code null}
     * @param lastTimestamp when it last happened; may be {@code null}
     */
    public ContainerJobEvent(String name, String message, String type, int count, OffsetDateTime firstTimestamp,
        OffsetDateTime lastTimestamp) {
        this.name = name;
        this.message = message;
        this.type = type;
        this.count = count;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
    }

    /**
     * @return the event name, such as {@code Pulling}
     */
    public String getName() {
        return name;
    }

    /**
     * @return what ACI said
     */
    public String getMessage() {
        return message;
    }

    /**
     * @return {@code Normal} or {@code Warning}
     */
    public String getType() {
        return type;
    }

    /**
     * @return how many times it happened
     */
    public int getCount() {
        return count;
    }

    /**
     * @return when it first happened, or {@code null}
     */
    public OffsetDateTime getFirstTimestamp() {
        return firstTimestamp;
    }

    /**
     * @return when it last happened, or {@code null}
     */
    public OffsetDateTime getLastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public String toString() {
        return name + (message == null ? "" : ": " + message);
    }
}
