package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.util.List;
import java.util.Objects;

/**
 * One attempt of a container job: how it ended, in words, and the events ACI reported for it.
 */
@Immutable
public final class ContainerJobAttempt {
    private final int number;
    private final ContainerJobStatus status;
    private final String message;
    private final List<ContainerJobEvent> events;

    /**
     * @param number the attempt's number, from 1
     * @param status how the attempt ended
     * @param message what happened, in words
     * @param events the events ACI reported during the attempt
     */
    public ContainerJobAttempt(int number, ContainerJobStatus status, String message, List<ContainerJobEvent> events) {
        this.number = number;
        this.status = Objects.requireNonNull(status, "'status' cannot be null.");
        this.message = message;
        this.events = List.copyOf(events);
    }

    /**
     * @return the attempt's number, from 1
     */
    public int getNumber() {
        return number;
    }

    /**
     * @return how the attempt ended
     */
    public ContainerJobStatus getStatus() {
        return status;
    }

    /**
     * @return why the attempt failed, or {@code null} if it succeeded
     */
    public ContainerJobFailureReason getFailureReason() {
        return status.getFailureReason();
    }

    /**
     * @return what happened, in words
     */
    public String getMessage() {
        return message;
    }

    /**
     * @return the events ACI reported during the attempt
     */
    public List<ContainerJobEvent> getEvents() {
        return events;
    }

    @Override
    public String toString() {
        return "ContainerJobAttempt{number=" + number + ", state=" + status.getState() + ", reason="
            + status.getFailureReason() + '}';
    }
}
