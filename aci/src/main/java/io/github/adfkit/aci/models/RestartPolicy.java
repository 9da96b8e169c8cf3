package io.github.adfkit.aci.models;

/**
 * What ACI does when the container exits ({@code properties.restartPolicy}). A job normally runs once: the default
 * is {@link #NEVER}.
 */
public enum RestartPolicy {
    /** Never restart: the container runs once (the default for jobs). */
    NEVER("Never"),
    /** Restart only after a non-zero exit code. */
    ON_FAILURE("OnFailure"),
    /** Always restart; a job with this policy only ends by its timeout or a cancel. */
    ALWAYS("Always");

    private final String wireValue;

    RestartPolicy(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * @return the value ARM expects, such as {@code Never}
     */
    public String toWireValue() {
        return wireValue;
    }
}
