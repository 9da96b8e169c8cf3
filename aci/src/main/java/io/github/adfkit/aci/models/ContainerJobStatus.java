package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A snapshot of a container job, as the watcher last saw it: the value of every poll response.
 */
@Immutable
public final class ContainerJobStatus {
    private final String resourceGroup;
    private final String groupName;
    private final ContainerJobState state;
    private final ContainerJobFailureReason failureReason;
    private final Integer exitCode;
    private final String detailStatus;
    private final OffsetDateTime startTime;
    private final OffsetDateTime finishTime;

    /**
     * Creates a snapshot; public so that tests and listeners can build one.
     *
     * @param resourceGroup the resource group of the container group
     * @param groupName the container group name
     * @param state the job state
     * @param failureReason why it failed, or {@code null}
     * @param exitCode the container's exit code, or {@code null} while it runs
     * @param detailStatus ACI's detail status, such as {@code Completed} or {@code OOMKilled}; may be {@code null}
     * @param startTime when the container started, or {@code null}
     * @param finishTime when the container ended, or {@code null}
     */
    public ContainerJobStatus(String resourceGroup, String groupName, ContainerJobState state,
        ContainerJobFailureReason failureReason, Integer exitCode, String detailStatus, OffsetDateTime startTime,
        OffsetDateTime finishTime) {
        this.resourceGroup = resourceGroup;
        this.groupName = groupName;
        this.state = Objects.requireNonNull(state, "'state' cannot be null.");
        this.failureReason = failureReason;
        this.exitCode = exitCode;
        this.detailStatus = detailStatus;
        this.startTime = startTime;
        this.finishTime = finishTime;
    }

    /**
     * @return the resource group of the container group
     */
    public String getResourceGroup() {
        return resourceGroup;
    }

    /**
     * @return the container group name
     */
    public String getGroupName() {
        return groupName;
    }

    /**
     * @return the job state
     */
    public ContainerJobState getState() {
        return state;
    }

    /**
     * @return why the job failed, or {@code null} if it has not failed
     */
    public ContainerJobFailureReason getFailureReason() {
        return failureReason;
    }

    /**
     * @return the container's exit code, or {@code null} if it has not exited
     */
    public Integer getExitCode() {
        return exitCode;
    }

    /**
     * @return ACI's detail status, such as {@code Completed}, {@code Error} or {@code OOMKilled}; may be {@code null}
     */
    public String getDetailStatus() {
        return detailStatus;
    }

    /**
     * @return when the container started, or {@code null}
     */
    public OffsetDateTime getStartTime() {
        return startTime;
    }

    /**
     * @return when the container ended, or {@code null}
     */
    public OffsetDateTime getFinishTime() {
        return finishTime;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContainerJobStatus that && Objects.equals(resourceGroup, that.resourceGroup)
            && Objects.equals(groupName, that.groupName) && state == that.state
            && failureReason == that.failureReason && Objects.equals(exitCode, that.exitCode)
            && Objects.equals(detailStatus, that.detailStatus) && Objects.equals(startTime, that.startTime)
            && Objects.equals(finishTime, that.finishTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resourceGroup, groupName, state, failureReason, exitCode, detailStatus);
    }

    @Override
    public String toString() {
        return "ContainerJobStatus{group=" + resourceGroup + "/" + groupName + ", state=" + state
            + (failureReason == null ? "" : ", reason=" + failureReason)
            + (exitCode == null ? "" : ", exitCode=" + exitCode)
            + (detailStatus == null ? "" : ", detail=" + detailStatus) + '}';
    }
}
