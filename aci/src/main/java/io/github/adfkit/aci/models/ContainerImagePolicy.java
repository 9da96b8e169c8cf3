package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which images a container job started from a request (an ADF WebHook body) may run. The body names the image, so
 * without a policy anyone who can reach the endpoint chooses what runs in your subscription. The default,
 * {@link #none()}, allows nothing until the host adds registries or images.
 *
 * <pre>{@code
 * ContainerImagePolicy.none()
 *     .allowRegistry("myacr.azurecr.io")                 // every image of the team's registry
 *     .allowImage("mcr.microsoft.com/azure-cli");        // one repository, any tag
 * }</pre>
 *
 * <p>An image without a registry ({@code attacker/miner:latest}) is a Docker Hub image ({@code docker.io}).
 * Instances are immutable; the {@code allow*} methods return a new policy.</p>
 */
@Immutable
public final class ContainerImagePolicy {
    private static final Pattern REFERENCE = Pattern.compile(
        "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+(:[\\w][\\w.-]{0,127})?"
            + "(@sha256:[0-9a-f]{64})?");

    private final Set<String> registries;
    private final Set<String> images;

    private ContainerImagePolicy(Set<String> registries, Set<String> images) {
        this.registries = Set.copyOf(registries);
        this.images = Set.copyOf(images);
    }

    /**
     * @return a policy that allows no image until one is added
     */
    public static ContainerImagePolicy none() {
        return new ContainerImagePolicy(Set.of(), Set.of());
    }

    /**
     * Allows every image of a registry.
     *
     * @param registry the registry host, such as {@code myacr.azurecr.io} or {@code docker.io}
     * @return the new policy
     */
    public ContainerImagePolicy allowRegistry(String registry) {
        String normalized = Objects.requireNonNull(registry, "'registry' cannot be null.").trim()
            .toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.contains("/")) {
            throw new IllegalArgumentException("'registry' must be a registry host such as myacr.azurecr.io.");
        }
        Set<String> more = new LinkedHashSet<>(registries);
        more.add(normalized);
        return new ContainerImagePolicy(more, images);
    }

    /**
     * Allows one image: a repository with any tag ({@code myacr.azurecr.io/report}), or exactly one tag or digest
     * ({@code myacr.azurecr.io/report:1.4}).
     *
     * @param image the repository, with or without tag or digest
     * @return the new policy
     * @throws IllegalArgumentException if it is not an image reference
     */
    public ContainerImagePolicy allowImage(String image) {
        String normalized = normalize(Objects.requireNonNull(image, "'image' cannot be null."));
        if (normalized == null) {
            throw new IllegalArgumentException("'" + image + "' is not an image reference.");
        }
        Set<String> more = new LinkedHashSet<>(images);
        more.add(normalized);
        return new ContainerImagePolicy(registries, more);
    }

    /**
     * @param image an image reference as a request names it
     * @return whether this policy allows it
     */
    public boolean isAllowed(String image) {
        String normalized = image == null ? null : normalize(image);
        if (normalized == null) {
            return false;
        }
        String repository = repositoryOf(normalized);
        return registries.contains(repository.substring(0, repository.indexOf('/')))
            || images.contains(repository) || images.contains(normalized);
    }

    /**
     * The reference with its registry written out: {@code ubuntu} becomes {@code docker.io/library/ubuntu}, and the
     * registry host is lower case; {@code null} if it is not an image reference.
     */
    private static String normalize(String image) {
        String trimmed = image.trim();
        int slash = trimmed.indexOf('/');
        String first = slash < 0 ? "" : trimmed.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String full = hasRegistry ? first.toLowerCase(Locale.ROOT) + trimmed.substring(slash)
            : "docker.io/" + (slash < 0 ? "library/" : "") + trimmed;
        return REFERENCE.matcher(full).matches() ? full : null;
    }

    private static String repositoryOf(String normalized) {
        int at = normalized.indexOf('@');
        String withoutDigest = at < 0 ? normalized : normalized.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    @Override
    public String toString() {
        return "ContainerImagePolicy{registries=" + registries + ", images=" + images + '}';
    }
}
