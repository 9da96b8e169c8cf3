package io.github.adfkit.core.implementation;

import io.github.adfkit.core.AdfkitException;

/**
 * This host no longer holds the lease on a record: another host took it over, the record is gone, or the lease ran
 * out while it could not be renewed. The side effect the lease guarded must not be done by this host.
 */
public final class LeaseLostException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which record, and why
     */
    public LeaseLostException(String message) {
        super(message);
    }
}
