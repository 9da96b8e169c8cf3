package io.github.adfkit.core.host;

import com.azure.core.annotation.Immutable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The reverse proxies (load balancers, gateways) whose forwarded headers a host believes. A request's
 * {@code X-Forwarded-For}, {@code X-Forwarded-Host} and {@code X-Forwarded-Proto} are used only when the connection
 * comes from one of them; any client can set those headers, so from anyone else they are ignored.
 *
 * <pre>{@code
 * TrustedProxies proxies = TrustedProxies.of("10.0.0.0/24");   // the gateway's subnet
 * String client = proxies.clientAddress(request);              // the caller behind the gateway
 * }</pre>
 */
@Immutable
public final class TrustedProxies {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @return no trusted proxy: forwarded headers are never used
     */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param addresses IP addresses ({@code 10.0.0.4}, {@code ::1}) or ranges in CIDR notation ({@code 10.0.0.0/24});
     *     no host names
     * @return the trusted proxies
     * @throws IllegalArgumentException if an entry is not an IP address or range
     */
    public static TrustedProxies of(String... addresses) {
        List<Range> ranges = new ArrayList<>();
        for (String address : Objects.requireNonNull(addresses, "'addresses' cannot be null.")) {
            ranges.add(Range.parse(Objects.requireNonNull(address, "An address cannot be null.")));
        }
        return new TrustedProxies(ranges);
    }

    /**
     * @param address an IP address as text
     * @return whether it belongs to a trusted proxy
     */
    public boolean isTrusted(String address) {
        byte[] ip = parseIp(address);
        return ip != null && ranges.stream().anyMatch(range -> range.contains(ip));
    }

    /**
     * Whether the request came straight from a trusted proxy, so its forwarded headers can be believed.
     *
     * @param request the request
     * @return whether the connection's peer is a trusted proxy
     */
    public boolean isFromTrustedProxy(HostRequest request) {
        return isTrusted(request.getRemoteAddress());
    }

    /**
     * The address of the client that made the request, for rate limits and logs: the connection's peer, or, when
     * the peer is a trusted proxy, the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy.
     *
     * @param request the request
     * @return the client's address
     */
    public String clientAddress(HostRequest request) {
        String client = request.getRemoteAddress();
        if (!isTrusted(client)) {
            return client;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return client;
        }
        List<String> hops = Arrays.asList(forwarded.split(","));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).trim();
            if (parseIp(hop) == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static byte[] parseIp(String text) {
        if (text == null || text.isEmpty() || !IP_LITERAL.matcher(text).matches()
            || !text.contains(":") && !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "TrustedProxies" + ranges;
    }

    /**
     * An address range: the first {@code bits} bits of {@code network}.
     */
    private record Range(byte[] network, int bits, String text) {
        static Range parse(String text) {
            int slash = text.indexOf('/');
            byte[] ip = parseIp(slash < 0 ? text : text.substring(0, slash));
            if (ip == null) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range.");
            }
            int bits = ip.length * 8;
            if (slash >= 0) {
                String suffix = text.substring(slash + 1);
                if (!suffix.matches("[0-9]{1,3}") || Integer.parseInt(suffix) > bits) {
                    throw new IllegalArgumentException("'" + text + "' has an invalid prefix length.");
                }
                bits = Integer.parseInt(suffix);
            }
            return new Range(ip, bits, text);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((ip[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Range range && range.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
