package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.AdfkitException;

/**
 * Thrown by a {@link RecordStore} when a record does not fit: nothing was written, and nothing was cut.
 */
public final class RecordTooLargeException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * @param property the property that is too large
     * @param size its size in characters
     * @param limit the most characters the store keeps for it
     */
    public RecordTooLargeException(String property, long size, long limit) {
        super("The " + property + " is " + size + " characters; the store keeps at most " + limit + ".");
        this.size = size;
        this.limit = limit;
    }

    /**
     * @return its size in characters
     */
    public long size() {
        return size;
    }

    /**
     * @return the most characters the store keeps
     */
    public long limit() {
        return limit;
    }
}
