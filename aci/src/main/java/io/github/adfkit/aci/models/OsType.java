package io.github.adfkit.aci.models;

/**
 * The operating system of the container group ({@code properties.osType}).
 */
public enum OsType {
    /** Linux containers (the default). */
    LINUX("Linux"),
    /** Windows containers. */
    WINDOWS("Windows");

    private final String wireValue;

    OsType(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * @return the value ARM expects, such as {@code Linux}
     */
    public String toWireValue() {
        return wireValue;
    }
}
