/**
 * The models of container jobs: the {@link io.github.adfkit.aci.models.ContainerJobSpec} you describe a job with,
 * the {@link io.github.adfkit.aci.models.ContainerJobStatus} snapshots a poller emits, and the
 * {@link io.github.adfkit.aci.models.ContainerJobResult} it ends with.
 */
package io.github.adfkit.aci.models;
