package io.github.adfkit.aci.implementation;

/**
 * Signals that the watcher was closed while a job's step was under way: the step ends without acting, so a host
 * that is going away sends nothing more to ARM, the store or ADF.
 */
final class HostStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HostStopped() {
        super("The job watcher was closed.", null, false, false);
    }
}
