package io.github.adfkit.core.host;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.adfkit.core.host.PublicUrlsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    @Test
    void aClientCannotChooseItsAddressWithXForwardedFor() {
        HostRequest direct = request("198.51.100.7", Map.of("X-Forwarded-For", "203.0.113.1"));

        assertThat(TrustedProxies.none().clientAddress(direct)).isEqualTo("198.51.100.7");
        assertThat(TrustedProxies.of("10.0.0.0/8").clientAddress(direct)).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() {
        TrustedProxies proxies = TrustedProxies.of("10.0.0.0/24", "10.1.0.5");
        HostRequest viaTwoProxies = request("10.0.0.4",
            Map.of("X-Forwarded-For", "1.1.1.1, 203.0.113.9, 10.1.0.5"));

        assertThat(proxies.clientAddress(viaTwoProxies)).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress(request("10.0.0.4", Map.of()))).isEqualTo("10.0.0.4");
        assertThat(proxies.clientAddress(request("10.0.0.4", Map.of("X-Forwarded-For", "junk, 10.1.0.5"))))
            .isEqualTo("10.1.0.5");
    }

    @Test
    void matchesAddressesAndRangesOfBothFamilies() {
        TrustedProxies proxies = TrustedProxies.of("192.168.1.0/25", "::1", "fd00::/8");

        assertThat(proxies.isTrusted("192.168.1.127")).isTrue();
        assertThat(proxies.isTrusted("192.168.1.128")).isFalse();
        assertThat(proxies.isTrusted("::1")).isTrue();
        assertThat(proxies.isTrusted("fd12::5")).isTrue();
        assertThat(proxies.isTrusted("localhost")).isFalse();
        assertThatThrownBy(() -> TrustedProxies.of("proxy.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
