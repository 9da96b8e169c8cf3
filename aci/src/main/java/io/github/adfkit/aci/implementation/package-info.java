/**
 * The implementation of container jobs: the ARM calls for container groups and pipeline runs, the job's run (create,
 * status polls within the shared ARM read budget, logs, cleanup, callback), its journal in the job table, jobs by name
 * and cancel requests. Not exported; nothing here is API.
 */
package io.github.adfkit.aci.implementation;
