package io.github.adfkit.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void redactsEveryQueryValueButHarmlessOnes() {
        assertThat(Redaction.url("https://fn.azurewebsites.net/runtime/webhooks/durabletask/instances/abc"
            + "?taskHub=Hub&connection=Storage&code=SYSTEMKEY&api-version=2020-01-01"))
            .isEqualTo("https://fn.azurewebsites.net/runtime/webhooks/durabletask/instances/abc"
                + "?taskHub=REDACTED&connection=REDACTED&code=REDACTED&api-version=2020-01-01");
    }

    @Test
    void dropsUserInfoAndKeepsPort() {
        assertThat(Redaction.url("https://user:secret@host.example:8443/p?sig=abc"))
            .isEqualTo("https://host.example:8443/p?sig=REDACTED");
    }

    @Test
    void redactsRelativeAndBrokenUrls() {
        assertThat(Redaction.url("/restart?token=RAW")).isEqualTo("/restart?token=REDACTED");
        assertThat(Redaction.url("https://host/a b?token=RAW")).isEqualTo(Redaction.REDACTED);
        assertThat(Redaction.url(null)).isEqualTo("null");
    }

    @Test
    void redactsSecretHeadersAndUrlsInHeaders() {
        assertThat(Redaction.header("Authorization", "Bearer eyJ0")).isEqualTo(Redaction.REDACTED);
        assertThat(Redaction.header("x-functions-key", "k")).isEqualTo(Redaction.REDACTED);
        assertThat(Redaction.header("Location", "https://h/status/1?code=K")).isEqualTo("https://h/status/1?code=REDACTED");
        assertThat(Redaction.header("Retry-After", "10")).isEqualTo("10");
    }

    @Test
    void redactsUrlsAndAssignmentsInFreeText() {
        String text = "POST https://dp.svc.datafactory.azure.com/cb?callbackUrl=TOKEN failed; "
            + "AccountKey=KEY123;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1; token=RAWTOKEN";
        assertThat(Redaction.text(text))
            .doesNotContain("TOKEN&").doesNotContain("callbackUrl=TOKEN").doesNotContain("KEY123")
            .doesNotContain("RAWTOKEN")
            .contains("https://dp.svc.datafactory.azure.com/cb?callbackUrl=REDACTED");
    }
}
