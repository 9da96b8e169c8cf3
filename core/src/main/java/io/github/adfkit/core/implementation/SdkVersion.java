package io.github.adfkit.core.implementation;

import com.azure.core.util.CoreUtils;

import java.util.Map;

/**
 * adfkit's name and version as the build wrote them into {@code adfkit.properties}: what the User-Agent and the
 * telemetry library version carry.
 */
public final class SdkVersion {
    private static final Map<String, String> PROPERTIES = CoreUtils.getProperties("adfkit.properties");

    /** The SDK name in the User-Agent. */
    public static final String NAME = PROPERTIES.getOrDefault("name", "adfkit");
    /** The version of the adfkit build in use, or {@code UnknownVersion} if the properties file is missing. */
    public static final String VERSION = PROPERTIES.getOrDefault("version", "UnknownVersion");

    private SdkVersion() {
    }
}
