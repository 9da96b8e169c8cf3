package io.github.adfkit.aci.implementation;

import com.azure.core.exception.ResourceNotFoundException;
import io.github.adfkit.aci.ContainerJobException;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.aci.models.RestartPolicy;
import io.github.adfkit.core.implementation.LeasedRow;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Container jobs found by their group's name, from any host that shares the job table: the job this host watches,
 * else the job's stored record, else the container group itself.
 */
public final class JobsByName {
    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final WatchedJobs jobs;

    /**
     * @param jobs the jobs this host watches, and the store
     */
    public JobsByName(WatchedJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return the job's status: as this host watches it, else as ARM shows the group
     */
    public Mono<ContainerJobStatus> status(String resourceGroup, String groupName) {
        String key = key(resourceGroup, groupName);
        Optional<JobRun> local = jobs.localRun(key);
        if (local.isPresent()) {
            return Mono.just(local.get().status());
        }
        return jobs.storedRecord(key).flatMap(row -> {
            JobIdentity job = row.map(JobRecord::identity).orElse(null);
            ContainerGroupRef ref = job != null ? job.ref()
                : new ContainerGroupRef(jobs.subscriptionId(), resourceGroup, groupName, "");
            return jobs.api().get(ref).flatMap(response -> {
                if (response.status() == OK) {
                    return Mono.just(GroupStatusReading.of(ref, response.body(), job == null ? RestartPolicy.NEVER
                        : job.restartPolicy(), job == null ? "" : job.image(), job == null ? "" : job.location())
                        .status());
                }
                if (response.status() == NOT_FOUND && job != null) {
                    return Mono.just(new ContainerJobStatus(resourceGroup, groupName, ContainerJobState.PENDING, null,
                        null, null, null, null));
                }
                if (response.status() == NOT_FOUND) {
                    return Mono.error(notFound(resourceGroup, groupName));
                }
                return Mono.error(new ContainerJobException("Reading container group " + ref.displayName()
                    + " failed: " + response.describeError()));
            });
        });
    }

    /**
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @return the job, watched here: the one this host watches, or a stored job no live host holds, adopted now
     */
    public Mono<JobRun> attach(String resourceGroup, String groupName) {
        String key = key(resourceGroup, groupName);
        Optional<JobRun> local = jobs.localRun(key);
        if (local.isPresent()) {
            return Mono.just(local.get());
        }
        return jobs.storedRecord(key).flatMap(row -> {
            if (row.isEmpty()) {
                return Mono.error(notFound(resourceGroup, groupName));
            }
            return jobs.adoptIfClaimable(row.get()).flatMap(adopted -> adopted.map(Mono::just)
                .orElseGet(() -> Mono.error(new ContainerJobException("Container job " + resourceGroup + "/"
                    + groupName + " is watched by host '" + row.get().text(LeasedRow.LEASE_OWNER) + "'. Follow it "
                    + "there, read its status by name here, or attach again once that host has stopped."))));
        });
    }

    /**
     * @param resourceGroup the group's resource group
     * @param groupName the group's name
     * @param reason why, in words
     * @return completes once the job is cancelled here, or the request recorded for the host that holds it
     */
    public Mono<Void> cancel(String resourceGroup, String groupName, String reason) {
        String key = key(resourceGroup, groupName);
        Optional<JobRun> local = jobs.localRun(key);
        if (local.isPresent()) {
            local.get().cancel(reason);
            return Mono.empty();
        }
        return jobs.storedRecord(key).flatMap(row -> row.map(stored -> jobs.requestCancel(
                JobRecord.identity(stored), reason))
            .orElseGet(() -> Mono.error(notFound(resourceGroup, groupName))));
    }

    private String key(String resourceGroup, String groupName) {
        return JobIdentity.keyOf(new ContainerGroupRef(jobs.subscriptionId(), resourceGroup, groupName, ""));
    }

    private static ResourceNotFoundException notFound(String resourceGroup, String groupName) {
        return new ResourceNotFoundException("No container job of group " + resourceGroup + "/" + groupName
            + " is watched by this host or recorded in the job store.", null);
    }
}
