package io.github.adfkit.core.host;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostRequestTest {
    @Test
    void decodesRepeatedAndEncodedQueryParameters() {
        HostRequest request = HostRequest.of("get", URI.create("https://h/api?s=a%20b&s=c&flag&e=100%25"), null, null,
            null);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getQueryParameters().get("s")).isEqualTo(List.of("a b", "c"));
        assertThat(request.getQueryParameter("flag")).isEmpty();
        assertThat(request.getQueryParameter("e")).isEqualTo("100%");
        assertThat(request.getQueryParameter("missing")).isNull();
        assertThat(request.getRemoteAddress()).isEqualTo("unknown");
    }
}
