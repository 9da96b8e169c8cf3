package io.github.adfkit.aci;

import com.azure.core.util.ServiceVersion;

/**
 * The {@code Microsoft.ContainerInstance} REST api-versions this client can speak, as Azure SDK clients name their
 * service versions. Each is a stable version of the published REST specification whose container group and log
 * shapes adfkit reads and whose examples its tests hold the ARM fake to.
 */
public enum ContainerInstanceServiceVersion implements ServiceVersion {
    /** api-version {@code 2023-05-01}. */
    V2023_05_01("2023-05-01"),
    /** api-version {@code 2025-09-01}, the newest stable version; the default. */
    V2025_09_01("2025-09-01");

    private final String version;

    ContainerInstanceServiceVersion(String version) {
        this.version = version;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String getVersion() {
        return version;
    }

    /**
     * @return the newest service version this client supports, the default of
     *     {@link ContainerJobClientBuilder#serviceVersion(ContainerInstanceServiceVersion)}
     */
    public static ContainerInstanceServiceVersion getLatest() {
        return V2025_09_01;
    }
}
