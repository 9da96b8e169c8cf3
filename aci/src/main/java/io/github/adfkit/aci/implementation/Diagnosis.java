package io.github.adfkit.aci.implementation;

import io.github.adfkit.aci.models.ContainerJobEvent;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.core.Redaction;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a job failed, in words a person can act on: from ARM's error on create, or from the events of a group whose
 * provisioning failed.
 *
 * @param reason the failure reason
 * @param message the explanation with what to do
 */
public record Diagnosis(ContainerJobFailureReason reason, String message) {
    /**
     * Explains a create request that ARM refused with a final (not transient) error.
     *
     * @param image the image of the job
     * @param location the region
     * @param response the refusal
     * @return the diagnosis
     */
    public static Diagnosis ofRefusedCreate(String image, String location, ArmResponse response) {
        String text = (response.errorCode() + " " + response.errorMessage()).toLowerCase(Locale.ROOT);
        if (isImageProblem(text)) {
            return image(image, response.describeError());
        }
        if (isCapacityProblem(text)) {
            return capacity(location, response.describeError());
        }
        return new Diagnosis(ContainerJobFailureReason.REJECTED, "ARM refused the container group: "
            + response.describeError() + ". Check the job's values and that the caller's identity may create "
            + "container groups in the resource group (Contributor).");
    }

    /**
     * Explains a group whose provisioning failed, from its events.
     *
     * @param image the image of the job
     * @param location the region
     * @param events the group's and container's events
     * @return the diagnosis
     */
    public static Diagnosis ofFailedProvisioning(String image, String location, List<ContainerJobEvent> events) {
        // ACI marks failures as Normal as well as Warning (ContainerGroupsGet_Failed.json: FailedMount is Normal), so
        // every event is quoted, newest last.
        String said = quote(events);
        String text = events.stream().map(event -> event.getName() + " " + event.getMessage())
            .collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);
        String detail = said.isEmpty() ? "ACI reported no event" : said;
        if (isImageProblem(text)) {
            return image(image, detail);
        }
        if (isCapacityProblem(text)) {
            return capacity(location, detail);
        }
        return new Diagnosis(ContainerJobFailureReason.PROVISIONING_FAILED,
            "ACI could not provision the container group: " + detail + ".");
    }

    /**
     * @param events events of a group and its container
     * @return them all, whatever their type, in one line
     */
    static String quote(List<ContainerJobEvent> events) {
        return events.stream().map(event -> Redaction.text(event.toString())).collect(Collectors.joining("; "));
    }

    private static Diagnosis image(String image, String detail) {
        return new Diagnosis(ContainerJobFailureReason.IMAGE_NOT_ACCESSIBLE, "The image '" + image + "' could not be "
            + "pulled (" + detail + "). Check the image name and tag, and that the registry credentials or the "
            + "group's managed identity (AcrPull role) can read it.");
    }

    private static Diagnosis capacity(String location, String detail) {
        return new Diagnosis(ContainerJobFailureReason.QUOTA_OR_CAPACITY, "Azure Container Instances has no capacity "
            + "or quota left for this group in '" + location + "' (" + detail + "). Try another region, ask for less "
            + "CPU or memory, or request a quota increase.");
    }

    private static boolean isImageProblem(String text) {
        return text.contains("inaccessibleimage") || text.contains("errimagepull")
            || text.contains("imagepullbackoff") || text.contains("failed to pull image")
            || text.contains("image") && text.contains("not accessible");
    }

    private static boolean isCapacityProblem(String text) {
        return text.contains("quota") || text.contains("insufficientcapacity")
            || text.contains("not available in the location") || text.contains("capacity");
    }
}
