package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data endpoint of the resumed pipeline: only for authenticated callers, JSON errors for everything else.
 */
@ExtendWith(AzuriteExtension.class)
class PauseDataHandlerTest {
    private static final String DATA_URL = "http://localhost:7071/api/pause-data/";

    private final PauseRestartFixture fixture;

    PauseDataHandlerTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void withoutTheRightKeyTheAnswerIs401AndHoldsNoData() {
        PauseTicket ticket = fixture.pause();

        HostResponse none = request("GET", DATA_URL + ticket.getPauseId(), Map.of());
        HostResponse wrong = request("GET", DATA_URL + ticket.getPauseId(),
            Map.of("x-functions-key", "not-the-key-but-just-as-long-as-the-key"));

        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getBodyAsString()).contains("\"error\"").doesNotContain("2026-11-20");
    }

    @Test
    void theKeyMayComeAsCodeQueryParameterAndThePauseIdAsQueryParameter() {
        PauseTicket ticket = fixture.pause();

        HostResponse response = request("GET", DATA_URL + "?pauseId=" + ticket.getPauseId() + "&code="
            + PauseRestartFixture.DATA_KEY, Map.of());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getBodyAsString()).contains("\"batch\":\"2026-11-20\"");
    }

    @Test
    void malformedUnknownAndNonGetRequestsGetJsonErrors() {
        HostResponse injection = request("GET", DATA_URL + "?pauseId="
            + URLEncoder.encode("x' or PartitionKey ne '", StandardCharsets.UTF_8), Map.of("x-functions-key",
            PauseRestartFixture.DATA_KEY));
        assertThat(injection.getStatus()).isEqualTo(400);
        assertThat(fixture.getData("not-a-uuid").getBodyAsString()).contains("\"error\"", "pause id");
        HostResponse unknown = fixture.getData(UUID.randomUUID().toString());
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request("POST", DATA_URL + UUID.randomUUID(), Map.of("x-functions-key",
            PauseRestartFixture.DATA_KEY)).getStatus()).isEqualTo(405);
    }

    @Test
    void functionKeysMustBeLongEnough() {
        assertThatThrownBy(() -> CallerAuthorization.functionKey("short"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }

    private HostResponse request(String method, String url, Map<String, String> headers) {
        return fixture.dataHandler.handle(HostRequest.of(method, URI.create(url), headers, null, "10.0.0.9"));
    }
}
