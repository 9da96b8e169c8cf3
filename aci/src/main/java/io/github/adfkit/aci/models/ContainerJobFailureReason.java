package io.github.adfkit.aci.models;

/**
 * Why a container job failed, in terms a person can act on. Each value has the short code that adfkit sends as the
 * ADF callback's {@code Error.ErrorCode}.
 */
public enum ContainerJobFailureReason {
    /** The image does not exist, or the registry refused to serve it (name, tag, credentials or identity). */
    IMAGE_NOT_ACCESSIBLE("ImageNotAccessible"),
    /** The region has no capacity for the group, or a subscription quota is used up. */
    QUOTA_OR_CAPACITY("QuotaOrCapacity"),
    /** The container exited with a non-zero exit code. */
    NON_ZERO_EXIT("ContainerExitedWithError"),
    /** The container was killed (out of memory, or by the platform). */
    KILLED("ContainerKilled"),
    /** The job did not end within its timeout and was stopped. */
    TIMED_OUT("JobTimedOut"),
    /** The job was cancelled. */
    CANCELLED("JobCancelled"),
    /** A group with the job's name existed and the policy was {@link ExistingGroupPolicy#FAIL}. */
    GROUP_EXISTS("ContainerGroupExists"),
    /** The group disappeared while it was watched (someone else deleted it). */
    GROUP_DELETED("ContainerGroupDeleted"),
    /** ARM refused the group definition or the call (bad parameter, missing permission). */
    REJECTED("ContainerGroupRejected"),
    /**
     * The group ran with Spot priority and Azure took its capacity back: ACI ends the group and reports an event
     * named {@code SpotContainerGroupEvicted} (or a message saying the Spot group was evicted).
     */
    SPOT_EVICTED("SpotEvicted"),
    /** The ADF pipeline run the job belongs to was cancelled or failed, or ADF no longer waits for the callback. */
    PIPELINE_ENDED("PipelineEnded"),
    /** ACI could not provision the group for another reason; the message has ACI's own words. */
    PROVISIONING_FAILED("ProvisioningFailed");

    private final String code;

    ContainerJobFailureReason(String code) {
        this.code = code;
    }

    /**
     * @return the short machine-readable code, such as {@code ContainerExitedWithError}
     */
    public String getCode() {
        return code;
    }
}
