package io.github.adfkit.pauserestart.models;

/**
 * What became of a restart, or what a restart would do now.
 */
public enum RestartStatus {
    /** The token is valid and unused: a restart would start the pipeline. Only a preview answers this. */
    READY,
    /** This restart started the pipeline; the run id is in the result. */
    STARTED,
    /** The token is not a token adfkit issues (wrong length or characters). Nothing was looked up. */
    MALFORMED_TOKEN,
    /** No pause has this token. */
    UNKNOWN_TOKEN,
    /** The link's expiry time has passed. */
    EXPIRED,
    /** The token was used already, or another restart with it is under way right now. */
    ALREADY_USED,
    /** Data Factory did not start the pipeline; the token stays usable and the result says why. */
    NOT_STARTED
}
