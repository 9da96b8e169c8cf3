package io.github.adfkit.core.host;

/**
 * One route of a {@link HostServer}: the paths it serves, the handler and the largest body it accepts.
 *
 * @param pathPrefix the path, starting with {@code /}
 * @param handler the endpoint
 * @param maxBodyBytes the largest request body accepted
 */
record HostRoute(String pathPrefix, HostHandler handler, int maxBodyBytes) {
    boolean serves(String path) {
        return path.equals(pathPrefix)
            || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/");
    }
}
