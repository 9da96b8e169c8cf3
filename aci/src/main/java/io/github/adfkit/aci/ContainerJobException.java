package io.github.adfkit.aci;

import io.github.adfkit.core.AdfkitException;

/**
 * A container job could not be followed to its end in this process: the watcher was closed, another host took the
 * job over, or watching failed unexpectedly. The job itself may still run and be finished by another host; a job
 * that ran and failed is not an exception but a {@link io.github.adfkit.aci.models.ContainerJobResult}.
 */
public class ContainerJobException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do
     */
    public ContainerJobException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do
     * @param cause the underlying failure
     */
    public ContainerJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
