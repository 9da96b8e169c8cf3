package io.github.adfkit.aci.implementation;

import io.github.adfkit.aci.models.CleanupPolicy;
import io.github.adfkit.aci.models.ContainerJobRetryPolicy;
import io.github.adfkit.aci.models.PipelineRunReference;
import io.github.adfkit.aci.models.RestartPolicy;

import java.time.Instant;
import java.util.Locale;

/**
 * A job's persisted identity: what a running job needs to be watched and finished, and nothing more, as its stored
 * record keeps it, so another host can resume the job from that record. No secure value is here.
 *
 * @param ref where the group lives
 * @param image the image, for messages
 * @param location the region, for messages
 * @param restartPolicy the restart policy, to know when a terminated container is final
 * @param cleanupPolicy what to do with the group at the end
 * @param deadline when the job times out
 * @param logTailLines how many log lines to read at the end
 * @param callbackUri the ADF callBackUri to report to, sealed with the host's keys, or {@code null}
 * @param retryPolicy when a failed attempt is followed by another
 * @param pipelineRun the ADF pipeline run the job follows, or {@code null}
 */
public record JobIdentity(ContainerGroupRef ref, String image, String location, RestartPolicy restartPolicy,
    CleanupPolicy cleanupPolicy, Instant deadline, int logTailLines, String callbackUri,
    ContainerJobRetryPolicy retryPolicy, PipelineRunReference pipelineRun) {

    /**
     * @return the key under which hosts track the job: {@code subscription|resourceGroup|group}, in lower case as
     *     ARM compares names, so that one key stands for one container group
     */
    public String key() {
        return keyOf(ref);
    }

    /**
     * @param ref a container group
     * @return the key of the job that runs in it, as {@link #key()}
     */
    public static String keyOf(ContainerGroupRef ref) {
        return (ref.subscriptionId() + "|" + ref.resourceGroup() + "|" + ref.groupName()).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "JobIdentity{group=" + ref.displayName() + ", cleanup=" + cleanupPolicy + ", deadline=" + deadline
            + ", callback=" + (callbackUri == null ? "none" : "set") + '}';
    }
}
