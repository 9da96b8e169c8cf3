package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link that must not resume gets the right status and a page that says why, and changes nothing: no row is
 * written and no run is started.
 */
@ExtendWith(AzuriteExtension.class)
class RestartRefusalTest {
    private final PauseRestartFixture fixture;
    private final PauseTicket ticket;

    RestartRefusalTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
        this.ticket = fixture.pause();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void expiredTokenAnswers410ByTheTicketsOwnExpiryAndChangesNothing() {
        fixture.clock.advance(Duration.ofHours(72));
        List<String> before = fixture.tableDump();

        HostResponse opened = fixture.get(ticket.getRestartUrl());
        HostResponse posted = fixture.post(ticket.getToken());

        assertThat(opened.getStatus()).isEqualTo(410);
        assertThat(posted.getStatus()).isEqualTo(410);
        assertThat(posted.getBodyAsString()).contains("This link has expired", "It expired at");
        assertUnchanged(before);
    }

    @Test
    void oneSecondBeforeExpiryTheLinkStillWorks() {
        fixture.clock.advance(Duration.ofHours(72).minusSeconds(1));

        assertThat(fixture.post(ticket.getToken()).getStatus()).isEqualTo(200);
        assertThat(fixture.adf.runs()).hasSize(1);
    }

    @Test
    void unknownWellFormedTokenAnswers404AndChangesNothing() {
        List<String> before = fixture.tableDump();

        HostResponse opened = fixture.get(PauseRestartFixture.RESTART_PAGE + "?token=" + PauseTokens.newToken());
        HostResponse posted = fixture.post(PauseTokens.newToken());

        assertThat(opened.getStatus()).isEqualTo(404);
        assertThat(posted.getStatus()).isEqualTo(404);
        assertThat(posted.getBodyAsString()).contains("No paused pipeline has this link");
        assertUnchanged(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "x' or PartitionKey ne '", "' or 1 eq 1 or RowKey eq '",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' or ''='",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
        "<script>alert(1)</script>"})
    void malformedTokensAnswer400WithoutTouchingStorage(String token) {
        List<String> before = fixture.tableDump();

        HostResponse opened = fixture.get(PauseRestartFixture.RESTART_PAGE + "?token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HostResponse posted = fixture.post(token);

        assertThat(opened.getStatus()).isEqualTo(400);
        assertThat(posted.getStatus()).isEqualTo(400);
        assertThat(posted.getBodyAsString()).contains("This link is not valid").doesNotContain("<script>");
        assertUnchanged(before);
    }

    @Test
    void tokensOneCharacterTooShortOrTooLongAnswer400() {
        assertThat(fixture.post(ticket.getToken().substring(1)).getStatus()).isEqualTo(400);
        assertThat(fixture.post(ticket.getToken() + "A").getStatus()).isEqualTo(400);
        assertThat(fixture.adf.runs()).isEmpty();
    }

    @Test
    void usedTokenAnswers409WithWhenAndChangesNothing() {
        fixture.post(ticket.getToken());
        List<String> before = fixture.tableDump();

        HostResponse posted = fixture.post(ticket.getToken());

        assertThat(posted.getStatus()).isEqualTo(409);
        assertThat(posted.getBodyAsString()).contains("It resumed the pipeline at");
        assertThat(fixture.tableDump()).isEqualTo(before);
        assertThat(fixture.adf.runs()).hasSize(1);
    }

    private void assertUnchanged(List<String> before) {
        assertThat(fixture.tableDump()).isEqualTo(before);
        assertThat(fixture.createRunCalls()).isZero();
    }
}
