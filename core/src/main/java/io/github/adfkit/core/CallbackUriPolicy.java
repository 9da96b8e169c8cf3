package io.github.adfkit.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which {@code callBackUri}s adfkit will call: the guard against server-side request forgery, because a
 * {@code callBackUri} arrives in a request body and adfkit POSTs to it. Only https URLs whose host is on the
 * allow-list pass.
 *
 * <p>The {@linkplain #dataFactoryDefaults() defaults} allow the Azure Data Factory and Synapse service domains of the
 * public, China and US Government clouds. Microsoft does not document the callback host; the ones observed have the
 * form {@code https://<region>.svc.datafactory.azure.com/...}. Add hosts with {@link #allowHostSuffix(String)} when
 * your factory calls back from elsewhere. Loopback hosts (and plain http to them) pass only after
 * {@link #allowLoopbackForTesting()}. Only port 443 is called unless {@link #allowPort(int)} adds another.</p>
 *
 * <p>Instances are immutable; the {@code allow*} methods return a new policy.</p>
 */
public final class CallbackUriPolicy {
    /** The longest {@code callBackUri} accepted, in characters. */
    public static final int MAX_URI_LENGTH = 4096;

    private static final List<String> DEFAULT_SUFFIXES = List.of(
        ".datafactory.azure.com", ".datafactory.azure.cn", ".datafactory.azure.us",
        ".azuresynapse.net", ".azuresynapse.azure.cn", ".azuresynapse.usgovcloudapi.net");
    private static final Set<Integer> HTTPS_PORT = Set.of(443);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> hostSuffixes;
    private final Set<String> exactHosts;
    private final boolean loopbackAllowed;
    private final Set<Integer> ports;

    private CallbackUriPolicy(Set<String> hostSuffixes, Set<String> exactHosts, boolean loopbackAllowed,
        Set<Integer> ports) {
        this.hostSuffixes = Set.copyOf(hostSuffixes);
        this.exactHosts = Set.copyOf(exactHosts);
        this.loopbackAllowed = loopbackAllowed;
        this.ports = Set.copyOf(ports);
    }

    /**
     * @return the policy that allows the Data Factory and Synapse service domains
     */
    public static CallbackUriPolicy dataFactoryDefaults() {
        return new CallbackUriPolicy(new LinkedHashSet<>(DEFAULT_SUFFIXES), Set.of(), false, HTTPS_PORT);
    }

    /**
     * @return a policy that allows no host until one is added
     */
    public static CallbackUriPolicy none() {
        return new CallbackUriPolicy(Set.of(), Set.of(), false, HTTPS_PORT);
    }

    /**
     * Allows every host that ends with {@code suffix} on a label boundary: {@code .example.com} allows
     * {@code a.example.com} but not {@code badexample.com}.
     *
     * @param suffix a domain suffix such as {@code .example.com}
     * @return the new policy
     */
    public CallbackUriPolicy allowHostSuffix(String suffix) {
        String normalized = normalizeHost(Objects.requireNonNull(suffix, "'suffix' cannot be null."));
        if (normalized.isEmpty() || ".".equals(normalized)) {
            throw new IllegalArgumentException("'suffix' must name a domain, such as .example.com.");
        }
        Set<String> suffixes = new LinkedHashSet<>(hostSuffixes);
        suffixes.add(normalized.startsWith(".") ? normalized : "." + normalized);
        return new CallbackUriPolicy(suffixes, exactHosts, loopbackAllowed, ports);
    }

    /**
     * Allows one host exactly.
     *
     * @param host the host name
     * @return the new policy
     */
    public CallbackUriPolicy allowHost(String host) {
        Set<String> hosts = new LinkedHashSet<>(exactHosts);
        hosts.add(normalizeHost(Objects.requireNonNull(host, "'host' cannot be null.")));
        return new CallbackUriPolicy(hostSuffixes, hosts, loopbackAllowed, ports);
    }

    /**
     * Allows https callbacks to another port of the allowed hosts, besides 443.
     *
     * @param port the port, 1 to 65535
     * @return the new policy
     */
    public CallbackUriPolicy allowPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'port' must be 1 to 65535, was " + port + ".");
        }
        Set<Integer> allowed = new LinkedHashSet<>(ports);
        allowed.add(port);
        return new CallbackUriPolicy(hostSuffixes, exactHosts, loopbackAllowed, allowed);
    }

    /**
     * Allows {@code localhost}, {@code 127.0.0.1} and {@code ::1}, over http or https and on any port. For tests and local demos
     * only: never enable it in a deployed host.
     *
     * @return the new policy
     */
    public CallbackUriPolicy allowLoopbackForTesting() {
        return new CallbackUriPolicy(hostSuffixes, exactHosts, true, ports);
    }

    /**
     * Checks a {@code callBackUri} against this policy.
     *
     * @param callbackUri the URI to check
     * @return the parsed URI
     * @throws InvalidWebhookRequestException if the URI is blank, malformed, relative, not https, carries
     *     credentials or a fragment, is too long, or its host is not allowed
     */
    public URI check(String callbackUri) {
        if (callbackUri == null || callbackUri.isBlank()) {
            throw refuse(WebhookRequestError.BLANK_CALLBACK_URI,
                "'callBackUri' is empty. ADF fills it in at run time; do not set it in the activity body.");
        }
        if (callbackUri.length() > MAX_URI_LENGTH) {
            throw refuse(WebhookRequestError.CALLBACK_URI_TOO_LONG,
                "'callBackUri' is " + callbackUri.length() + " characters; at most " + MAX_URI_LENGTH + " are accepted.");
        }
        URI uri;
        try {
            uri = new URI(callbackUri);
        } catch (URISyntaxException malformed) {
            throw refuse(WebhookRequestError.MALFORMED_CALLBACK_URI,
                "'callBackUri' is not a valid URI (" + malformed.getReason() + " at index " + malformed.getIndex()
                    + ").");
        }
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            throw refuse(WebhookRequestError.CALLBACK_URI_NOT_ABSOLUTE,
                "'callBackUri' must be an absolute https URL; got '" + Redaction.url(callbackUri) + "'.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refuse(WebhookRequestError.CALLBACK_URI_HAS_CREDENTIALS_OR_FRAGMENT,
                "'callBackUri' must not contain user-info or a fragment.");
        }
        String host = uri.getHost() == null ? "" : normalizeHost(uri.getHost());
        boolean loopback = loopbackAllowed && LOOPBACK_HOSTS.contains(host);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(loopback && "http".equals(scheme))) {
            throw refuse(WebhookRequestError.CALLBACK_URI_NOT_HTTPS,
                "'callBackUri' must use https; got scheme '" + uri.getScheme() + "'.");
        }
        if (host.isEmpty()) {
            throw refuse(WebhookRequestError.MALFORMED_CALLBACK_URI, "'callBackUri' has no host name.");
        }
        if (!loopback && !isAllowedHost(host)) {
            throw refuse(WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED,
                "'callBackUri' host '" + host + "' is not on the allow-list " + describeAllowList()
                    + ". If your factory really calls back from there, add it with "
                    + "CallbackUriPolicy.allowHostSuffix(...).");
        }
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        if (!loopback && !ports.contains(port)) {
            throw refuse(WebhookRequestError.CALLBACK_PORT_NOT_ALLOWED,
                "'callBackUri' port " + port + " is not allowed; callbacks go to port 443 unless "
                    + "CallbackUriPolicy.allowPort(...) adds another.");
        }
        return uri;
    }

    private boolean isAllowedHost(String host) {
        if (exactHosts.contains(host)) {
            return true;
        }
        for (String suffix : hostSuffixes) {
            if (host.endsWith(suffix) && host.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    private String describeAllowList() {
        Set<String> all = new LinkedHashSet<>(exactHosts);
        hostSuffixes.forEach(suffix -> all.add("*" + suffix));
        return all.isEmpty() ? "(empty)" : all.toString();
    }

    private static String normalizeHost(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static InvalidWebhookRequestException refuse(WebhookRequestError error, String message) {
        return new InvalidWebhookRequestException(error, message);
    }

    @Override
    public String toString() {
        return "CallbackUriPolicy{allow=" + describeAllowList() + ", ports=" + ports + ", loopback=" + loopbackAllowed
            + '}';
    }
}
