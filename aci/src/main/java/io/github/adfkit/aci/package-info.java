/**
 * Container jobs on Azure Container Instances: {@link io.github.adfkit.aci.ContainerJobClient} and
 * {@link io.github.adfkit.aci.ContainerJobAsyncClient} (built by
 * {@link io.github.adfkit.aci.ContainerJobClientBuilder}) launch a job, and the
 * {@link io.github.adfkit.aci.ContainerJobWatcher} follows many of them from a shared scheduler to their result,
 * reads their logs before cleanup, cleans up and reports WebHook-started jobs to ADF.
 */
package io.github.adfkit.aci;
