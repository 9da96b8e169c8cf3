package io.github.adfkit.aci.models;

/**
 * What to do when a container group with the job's name already exists. Only matters for a name you chose: a
 * generated name is unique.
 */
public enum ExistingGroupPolicy {
    /** Fail the job without touching the existing group (the default). */
    FAIL,
    /** Delete the existing group, wait until it is gone, then create the new one. */
    REPLACE,
    /** Create-or-update the group with the job's definition, then start it (the flow of the ADF seed). */
    REUSE_AND_START
}
