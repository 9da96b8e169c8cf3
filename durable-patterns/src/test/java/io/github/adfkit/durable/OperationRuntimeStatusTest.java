package io.github.adfkit.durable;

import com.azure.core.util.polling.LongRunningOperationStatus;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How status names from services are read: known names in any case, unknown names kept and never terminal.
 */
class OperationRuntimeStatusTest {
    @Test
    void knownNamesMatchWithoutRegardToCase() {
        assertThat(OperationRuntimeStatus.fromString("completed")).isSameAs(OperationRuntimeStatus.COMPLETED);
        assertThat(OperationRuntimeStatus.fromString("SUCCEEDED")).isSameAs(OperationRuntimeStatus.SUCCEEDED);
        assertThat(OperationRuntimeStatus.fromString("Cancelled")).isSameAs(OperationRuntimeStatus.CANCELED);
    }

    @Test
    void terminalStatesAndTheirPollerStatus() {
        assertThat(OperationRuntimeStatus.COMPLETED.toLongRunningOperationStatus())
            .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(OperationRuntimeStatus.FAILED.toLongRunningOperationStatus())
            .isEqualTo(LongRunningOperationStatus.FAILED);
        assertThat(OperationRuntimeStatus.TERMINATED.toLongRunningOperationStatus())
            .isEqualTo(LongRunningOperationStatus.USER_CANCELLED);
        assertThat(OperationRuntimeStatus.fromString("Conflict").isTerminal()).isTrue();
        assertThat(OperationRuntimeStatus.CONFLICT.toLongRunningOperationStatus())
            .isEqualTo(LongRunningOperationStatus.FAILED);
        assertThat(OperationRuntimeStatus.SUSPENDED.isTerminal()).isFalse();
        assertThat(OperationRuntimeStatus.CONTINUED_AS_NEW.isTerminal()).isFalse();
        assertThat(OperationRuntimeStatus.PENDING.toLongRunningOperationStatus())
            .isEqualTo(LongRunningOperationStatus.NOT_STARTED);
    }

    @Test
    void unknownNamesAreKeptAsSentAndNotTerminal() {
        OperationRuntimeStatus rewinding = OperationRuntimeStatus.fromString("Rewinding");

        assertThat(rewinding.toString()).isEqualTo("Rewinding");
        assertThat(rewinding.isTerminal()).isFalse();
        assertThat(rewinding.toLongRunningOperationStatus()).isEqualTo(LongRunningOperationStatus.IN_PROGRESS);
        assertThat(OperationRuntimeStatus.values()).contains(rewinding);
    }
}
