package io.github.adfkit.aci.models;

/**
 * The priority of the container group ({@code properties.priority}).
 */
public enum ContainerPriority {
    /** Regular capacity (the default). */
    REGULAR("Regular"),
    /** Spot capacity: cheaper, and may be evicted. */
    SPOT("Spot");

    private final String wireValue;

    ContainerPriority(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * @return the value ARM expects, such as {@code Spot}
     */
    public String toWireValue() {
        return wireValue;
    }
}
