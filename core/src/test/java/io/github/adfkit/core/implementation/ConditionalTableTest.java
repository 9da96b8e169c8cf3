package io.github.adfkit.core.implementation;

import ch.qos.logback.classic.Level;
import com.azure.data.tables.TableClient;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional store's outcomes against Azurite: a second create, a stale replace and a stale delete are lost
 * races; a missing row is gone; no outcome is reported by exception.
 */
@ExtendWith(AzuriteExtension.class)
class ConditionalTableTest {
    private final ConditionalTable table;

    ConditionalTableTest(TableClient client) {
        this.table = new ConditionalTable(client);
    }

    @Test
    void secondCreateOfTheSameKeysLosesTheRaceAndSeesTheWinner() {
        WriteOutcome first = table.create("p", "r", Map.of("Who", "first"));
        WriteOutcome second = table.create("p", "r", Map.of("Who", "second"));

        assertThat(first.isWritten()).isTrue();
        assertThat(second.kind()).isEqualTo(WriteOutcome.Kind.LOST_RACE);
        assertThat(second.row().text("Who")).isEqualTo("first");
        assertThat(table.read("p", "r")).get().extracting(row -> row.text("Who")).isEqualTo("first");
    }

    @Test
    void replaceWithAStaleETagLosesAndChangesNothing() {
        StoredRow created = table.create("p", "r", Map.of("N", 1)).row();
        StoredRow changed = table.replace(created, Map.of("N", 2)).row();

        WriteOutcome stale = table.replace(created, Map.of("N", 3));

        assertThat(stale.kind()).isEqualTo(WriteOutcome.Kind.LOST_RACE);
        assertThat(stale.row().eTag()).isEqualTo(changed.eTag());
        assertThat(table.read("p", "r").orElseThrow().number("N")).isEqualTo(2L);
    }

    @Test
    void aMissingRowReadsAsEmptyWithoutAnErrorLogLine() {
        table.create("p-'quoted'", "r", Map.of("state", "A"));
        try (LogCapture logs = LogCapture.start(Level.INFO)) {
            assertThat(table.read("p-absent", "r")).isEmpty();
            assertThat(table.read("p-'quoted'", "r").map(row -> row.text("state"))).contains("A");

            assertThat(logs.lines()).noneMatch(line -> line.startsWith("ERROR") || line.startsWith("WARN"));
        }
    }

    @Test
    void replaceAndDeleteOfARowThatIsGoneSayGone() {
        StoredRow created = table.create("p", "r", Map.of("N", 1)).row();
        assertThat(table.delete(created).kind()).isEqualTo(WriteOutcome.Kind.GONE);

        assertThat(table.replace(created, Map.of("N", 2)).kind()).isEqualTo(WriteOutcome.Kind.GONE);
        assertThat(table.delete(created).kind()).isEqualTo(WriteOutcome.Kind.GONE);
        assertThat(table.read("p", "r")).isEmpty();
    }

    @Test
    void deleteWithAStaleETagLosesAndKeepsTheRow() {
        StoredRow created = table.create("p", "r", Map.of("N", 1)).row();
        table.replace(created, Map.of("N", 2));

        WriteOutcome stale = table.delete(created);

        assertThat(stale.kind()).isEqualTo(WriteOutcome.Kind.LOST_RACE);
        assertThat(table.read("p", "r")).isPresent();
    }

    @Test
    void writtenRowsCarryTheirPropertiesAndAnETagThatWorksForTheNextWrite() {
        StoredRow created = table.create("p", "r", Map.of("Text", "a", "Flag", true, "Big", 5_000_000_000L)).row();
        StoredRow read = table.read("p", "r").orElseThrow();

        assertThat(read.text("Text")).isEqualTo("a");
        assertThat(read.flag("Flag")).isTrue();
        assertThat(read.number("Big")).isEqualTo(5_000_000_000L);
        assertThat(table.replace(created, read.with(Map.of("Text", "b"))).isWritten()).isTrue();
        assertThat(table.list("PartitionKey eq 'p'")).singleElement()
            .satisfies(row -> assertThat(row.text("Text")).isEqualTo("b"));
    }
}
