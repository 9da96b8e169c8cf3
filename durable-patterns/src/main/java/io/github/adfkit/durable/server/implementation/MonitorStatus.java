package io.github.adfkit.durable.server.implementation;

/**
 * The status names of the Azure REST API guidelines' status monitor ({@code NotStarted}, {@code Running},
 * {@code Succeeded}, {@code Failed}, {@code Canceled}), which azure-core's {@code OperationResourcePollingStrategy}
 * reads, for adfkit's own statuses (Durable Functions' names).
 */
final class MonitorStatus {
    private MonitorStatus() {
    }

    /**
     * @param state an operation's status
     * @return its name in a status monitor
     */
    static String of(OperationState state) {
        return switch (state) {
            case PENDING -> "NotStarted";
            case RUNNING -> "Running";
            case COMPLETED -> "Succeeded";
            case CANCELED -> "Canceled";
            case FAILED, TERMINATED, CONFLICT -> "Failed";
        };
    }
}
