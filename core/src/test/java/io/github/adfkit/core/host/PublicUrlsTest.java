package io.github.adfkit.core.host;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicUrlsTest {
    private static final String PATH = "/api/status/abc";

    @Test
    void theHostHeaderNeverChoosesTheLink() {
        HostRequest evil = request("198.51.100.7", Map.of("Host", "evil.example"));
        HostRequest empty = request("198.51.100.7", Map.of("Host", ""));

        assertThat(PublicUrls.relative().resolve(evil, PATH)).isEqualTo(PATH);
        assertThat(PublicUrls.relative().resolve(empty, PATH)).isEqualTo(PATH);
        assertThat(PublicUrls.baseUrl("https://jobs.contoso.com/").resolve(evil, PATH))
            .isEqualTo("https://jobs.contoso.com" + PATH);
    }

    @Test
    void forwardedHeadersCountOnlyFromATrustedProxy() {
        PublicUrls urls = PublicUrls.forwardedBy(TrustedProxies.of("10.0.0.0/24"));
        Map<String, String> forwarded = Map.of("X-Forwarded-Host", "jobs.contoso.com", "X-Forwarded-Proto", "https",
            "Host", "evil.example");

        assertThat(urls.resolve(request("10.0.0.9", forwarded), PATH)).isEqualTo("https://jobs.contoso.com" + PATH);
        assertThat(urls.resolve(request("198.51.100.7", forwarded), PATH)).isEqualTo(PATH);
        assertThat(urls.resolve(request("10.0.0.9", Map.of("X-Forwarded-Host", "evil.example/x?y")), PATH))
            .isEqualTo(PATH);
        assertThat(urls.resolve(request("10.0.0.9", Map.of("X-Forwarded-Host", "a.example",
            "X-Forwarded-Proto", "javascript")), PATH)).isEqualTo(PATH);
    }

    @Test
    void aBaseUrlMustBeAbsoluteHttpOrHttps() {
        assertThatThrownBy(() -> PublicUrls.baseUrl("jobs.contoso.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicUrls.baseUrl("ftp://x.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicUrls.baseUrl("https://x.example/?q=1"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    static HostRequest request(String peer, Map<String, String> headers) {
        return HostRequest.of("POST", URI.create("http://127.0.0.1:8080/api/submit/x"), headers, null, peer);
    }
}
