package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser gets from the restart pages: safe headers, escaped content, a rate limit.
 */
@ExtendWith(AzuriteExtension.class)
class RestartPagesTest {
    private final PauseRestartFixture fixture;

    RestartPagesTest(TableClient table) {
        this.fixture = new PauseRestartFixture(table);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        PauseTicket ticket = fixture.pause();
        HostResponse confirmation = fixture.get(ticket.getRestartUrl());
        HostResponse malformed = fixture.post("bad");
        HostResponse success = fixture.post(ticket.getToken());

        for (HostResponse page : new HostResponse[] {confirmation, malformed, success}) {
            assertThat(page.getHeader("Content-Type")).startsWith("text/html");
            assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.getHeader("Cache-Control")).isEqualTo("no-store");
            assertThat(page.getHeader("Content-Security-Policy")).startsWith("default-src 'none'")
                .contains("form-action 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void confirmationPostsTheTokenInTheBodyToTheSamePath() {
        PauseTicket ticket = fixture.pause();

        String page = fixture.get(ticket.getRestartUrl()).getBodyAsString();

        assertThat(page).contains("<form method=\"post\" action=\"/restart\">",
            "<input type=\"hidden\" name=\"token\" value=\"" + ticket.getToken() + "\">");
    }

    @Test
    void namesFromThePauseAreEscapedOnThePage() {
        PipelineTarget hostile = new PipelineTarget("sub-1", "rg", "adf\"<b>", "<img src=x onerror=alert(1)>");
        PauseTicket ticket = fixture.client.pause(new PauseOptions(hostile, null));

        String page = fixture.get(ticket.getRestartUrl()).getBodyAsString();

        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;", "adf&quot;&lt;b&gt;")
            .doesNotContain("<img", "<b>");
    }

    @Test
    void headIsAnsweredLikeGetAndOtherMethodsGet405() {
        PauseTicket ticket = fixture.pause();

        HostResponse head = fixture.pages.handle(HostRequest.of("HEAD", URI.create(ticket.getRestartUrl()), Map.of(),
            null, "10.0.0.2"));
        HostResponse put = fixture.pages.handle(HostRequest.of("PUT", URI.create(ticket.getRestartUrl()), Map.of(),
            null, "10.0.0.2"));

        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(put.getStatus()).isEqualTo(405);
        assertThat(put.getHeader("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(fixture.adf.runs()).isEmpty();
    }

    @Test
    void eachClientHasItsOwnRateLimitThatRefillsOverTime() {
        RestartPages limited = new RestartPages(fixture.client, 3, fixture.clock);
        HostRequest guess = HostRequest.of("GET", URI.create(PauseRestartFixture.RESTART_PAGE + "?token=x"), Map.of(),
            null, "203.0.113.7");
        HostRequest other = HostRequest.of("GET", URI.create(PauseRestartFixture.RESTART_PAGE + "?token=x"), Map.of(),
            null, "203.0.113.8");

        for (int i = 0; i < 3; i++) {
            assertThat(limited.handle(guess).getStatus()).isEqualTo(400);
        }
        HostResponse throttled = limited.handle(guess);

        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("20");
        assertThat(throttled.getBodyAsString()).contains("Too many attempts");
        assertThat(limited.handle(other).getStatus()).isEqualTo(400);

        fixture.clock.advance(Duration.ofSeconds(20));
        assertThat(limited.handle(guess).getStatus()).isEqualTo(400);
        assertThat(limited.handle(guess).getStatus()).isEqualTo(429);
    }

    @Test
    void theRateLimitKeysOnForwardedForOnlyFromATrustedProxy() {
        RestartPages direct = new RestartPages(fixture.client, 1, fixture.clock);
        RestartPages proxied = new RestartPages(fixture.client, 1, fixture.clock, TrustedProxies.of("10.0.0.4"));

        assertThat(direct.handle(forwarded("203.0.113.7", "198.51.100.1")).getStatus()).isEqualTo(400);
        assertThat(direct.handle(forwarded("203.0.113.7", "198.51.100.2")).getStatus())
            .as("a forged X-Forwarded-For does not buy a fresh limit").isEqualTo(429);

        assertThat(proxied.handle(forwarded("10.0.0.4", "198.51.100.1")).getStatus()).isEqualTo(400);
        assertThat(proxied.handle(forwarded("10.0.0.4", "198.51.100.2")).getStatus())
            .as("another caller behind the same proxy").isEqualTo(400);
        assertThat(proxied.handle(forwarded("10.0.0.4", "198.51.100.1")).getStatus()).isEqualTo(429);
    }

    private static HostRequest forwarded(String peer, String forwardedFor) {
        return HostRequest.of("GET", URI.create(PauseRestartFixture.RESTART_PAGE + "?token=x"),
            Map.of("X-Forwarded-For", forwardedFor), null, peer);
    }
}
