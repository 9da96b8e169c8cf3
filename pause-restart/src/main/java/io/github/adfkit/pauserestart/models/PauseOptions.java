package io.github.adfkit.pauserestart.models;

import com.azure.core.annotation.Fluent;
import com.azure.core.util.logging.ClientLogger;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to pause with: the pipeline a restart starts, the data handed over to it, how long the restart link stays
 * valid, and the pipeline parameters the run receives.
 *
 * <pre>{@code
 * PauseOptions options = new PauseOptions(target, Map.of("batch", "2026-11-20", "rows", 1200))
 *     .setExpiresAfter(Duration.ofHours(24))
 *     .setParameters(Map.of("environment", "prod"));
 * }</pre>
 */
@Fluent
public final class PauseOptions {
    /** How long a restart link is valid unless set otherwise: 72 hours. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(72);
    /** The pipeline parameter that carries the pause id unless set otherwise. */
    public static final String DEFAULT_PAUSE_ID_PARAMETER = "pauseId";

    private static final ClientLogger LOGGER = new ClientLogger(PauseOptions.class);
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final PipelineTarget target;
    private final Object data;
    private Duration expiresAfter = DEFAULT_EXPIRY;
    private String pauseIdParameterName = DEFAULT_PAUSE_ID_PARAMETER;
    private Map<String, Object> parameters = Map.of();

    /**
     * Creates the options.
     *
     * @param target the pipeline a restart starts
     * @param data what the resumed pipeline reads back by pause id: anything Jackson serializes, or {@code null}
     */
    public PauseOptions(PipelineTarget target, Object data) {
        this.target = Objects.requireNonNull(target, "'target' cannot be null.");
        this.data = data;
    }

    /**
     * @return the pipeline a restart starts
     */
    public PipelineTarget getTarget() {
        return target;
    }

    /**
     * @return the data handed over to the resumed pipeline
     */
    public Object getData() {
        return data;
    }

    /**
     * @return how long the restart link is valid
     */
    public Duration getExpiresAfter() {
        return expiresAfter;
    }

    /**
     * Sets how long the restart link is valid, counted from the pause.
     *
     * @param expiresAfter a positive duration; {@link #DEFAULT_EXPIRY} if not set
     * @return these options
     * @throws IllegalArgumentException if the duration is not positive
     */
    public PauseOptions setExpiresAfter(Duration expiresAfter) {
        Objects.requireNonNull(expiresAfter, "'expiresAfter' cannot be null.");
        if (expiresAfter.isZero() || expiresAfter.isNegative()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'expiresAfter' must be positive, was " + expiresAfter + "."));
        }
        this.expiresAfter = expiresAfter;
        return this;
    }

    /**
     * @return the name of the pipeline parameter that carries the pause id
     */
    public String getPauseIdParameterName() {
        return pauseIdParameterName;
    }

    /**
     * Sets the name of the pipeline parameter that carries the pause id; the resumed pipeline uses it to read its
     * data back.
     *
     * @param name an ADF parameter name (letters, digits, underscores); {@value #DEFAULT_PAUSE_ID_PARAMETER} if
     * not set
     * @return these options
     * @throws IllegalArgumentException if the name is not a valid parameter name
     */
    public PauseOptions setPauseIdParameterName(String name) {
        this.pauseIdParameterName = checkedParameterName(name);
        return this;
    }

    /**
     * @return the extra pipeline parameters, besides the pause id
     */
    public Map<String, Object> getParameters() {
        return parameters;
    }

    /**
     * Sets extra pipeline parameters the run receives besides the pause id. They are stored with the pause, so keep
     * secrets out of them (put those in Key Vault and let the pipeline read them).
     *
     * @param parameters parameter names to JSON-serializable values; none if not set
     * @return these options
     * @throws IllegalArgumentException if a name is not a valid parameter name
     */
    public PauseOptions setParameters(Map<String, Object> parameters) {
        Objects.requireNonNull(parameters, "'parameters' cannot be null.");
        parameters.keySet().forEach(PauseOptions::checkedParameterName);
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        return this;
    }

    private static String checkedParameterName(String name) {
        if (name == null || !PARAMETER_NAME.matcher(name).matches()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Pipeline parameter name '" + name
                + "' must start with a letter or '_' and hold up to 128 letters, digits and '_'."));
        }
        return name;
    }
}
