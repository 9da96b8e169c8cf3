package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tickets are strong and well-formed; pauses that could not be resumed are refused before anything is stored.
 */
@ExtendWith(AzuriteExtension.class)
class PauseValidationTest {
    private final PauseRestartFixture fixture;

    PauseValidationTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyTicketHasAFreshUrlSafeTokenAndPauseId() {
        Set<String> tokens = new HashSet<>();
        Set<String> pauseIds = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            PauseTicket ticket = fixture.pause();
            assertThat(PauseTokens.isWellFormed(ticket.getToken())).isTrue();
            assertThat(ticket.getRestartUrl()).doesNotContain("+", "#").containsOnlyOnce("?");
            tokens.add(ticket.getToken());
            pauseIds.add(ticket.getPauseId());
        }
        assertThat(tokens).hasSize(20);
        assertThat(pauseIds).hasSize(20);
    }

    @Test
    void refusedPausesStoreNothing() {
        PipelineTarget target = PauseRestartFixture.TARGET;
        assertThatThrownBy(() -> fixture.client.pause(new PauseOptions(target, null)
            .setParameters(Map.of("pauseId", "mine")))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("pauseId");
        assertThatThrownBy(() -> fixture.client.pause(new PauseOptions(target, "x".repeat(40_000))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Blob storage");
        assertThatThrownBy(() -> fixture.client.pause(new PauseOptions(target, new Object())))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        assertThat(fixture.tableDump()).isEmpty();
    }

    @Test
    void optionsAndTargetsRejectValuesThatCannotWork() {
        PauseOptions options = new PauseOptions(PauseRestartFixture.TARGET, null);
        assertThatThrownBy(() -> options.setExpiresAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.setPauseIdParameterName("pause-id"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.setParameters(Map.of("1st", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineTarget("sub", "rg", "factory/../other", "p"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineTarget("sub", " ", "f", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getDataRefusesMalformedPauseIdsAndReturnsNullForUnknownOnes() {
        assertThatThrownBy(() -> fixture.client.getData("' or 1 eq 1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(fixture.client.getData("0f8fad5b-d9cb-469f-a165-70867728950e")).isNull();
    }

    @Test
    void emailSnippetEscapesTheMessageAndCarriesTheLinkAndExpiry() {
        PauseTicket ticket = new PauseTicket("p-1", "t0k3n", "https://example.org/restart?token=t0k3n&x=\"y\"",
            Instant.parse("2026-11-24T10:00:00Z"));

        String html = ticket.toEmailHtml("Batch <2026-11-20> & friends");

        assertThat(html).contains("Batch &lt;2026-11-20&gt; &amp; friends",
            "href=\"https://example.org/restart?token=t0k3n&amp;x=&quot;y&quot;\"", "2026-11-24 10:00 UTC")
            .doesNotContain("<2026");
        assertThat(ticket.toString()).doesNotContain("t0k3n");
    }
}
