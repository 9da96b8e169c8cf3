package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.azurite.AzuriteUnavailableException;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js installation found on the PATH, and the operating-system-specific names of the commands it provides.
 */
public final class NodeRuntime {
    /** The oldest Node.js major version adfkit's pinned Azurite is run with. */
    public static final int MINIMUM_MAJOR_VERSION = 20;

    private static final ClientLogger LOGGER = new ClientLogger(NodeRuntime.class);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.\\d+\\.\\d+.*");
    private static final boolean WINDOWS =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final String version;

    private NodeRuntime(String version) {
        this.version = version;
    }

    /**
     * Runs {@code node --version} (in the JVM's working directory) and checks the major version.
     *
     * @return the runtime found
     * @throws AzuriteUnavailableException if node is missing, fails or is older than Node.js 20
     */
    public static NodeRuntime detect() {
        CommandResult result;
        try {
            result = CommandRunner.run("node", List.of("node", "--version"),
                Paths.get("").toAbsolutePath(), VERSION_TIMEOUT);
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(missing("running 'node --version' failed: " + e.getMessage(), e));
        }
        String output = result.outputTail().trim();
        Matcher matcher = VERSION.matcher(output);
        if (!result.succeeded() || !matcher.matches()) {
            throw LOGGER.logExceptionAsError(missing("'node --version' did not report a version (exit code "
                + result.exitCode() + ", output: " + output + ")", null));
        }
        if (Integer.parseInt(matcher.group(1)) < MINIMUM_MAJOR_VERSION) {
            throw LOGGER.logExceptionAsError(missing("the node on the PATH is " + output, null));
        }
        LOGGER.verbose("Found Node.js {}", output);
        return new NodeRuntime(output);
    }

    /**
     * Builds the exception that explains how to get Node.js and npm.
     *
     * @param problem what was observed
     * @param cause the underlying failure, or null
     * @return the exception, not yet thrown
     */
    public static AzuriteUnavailableException missing(String problem, Throwable cause) {
        String message = "Azurite, the local Azure Table storage emulator that adfkit's tests run against, needs "
            + "Node.js " + MINIMUM_MAJOR_VERSION + " or newer and npm on the PATH, but " + problem + ". "
            + "Install Node.js " + MINIMUM_MAJOR_VERSION + "+ (npm comes with it) from https://nodejs.org or with "
            + "your operating system's package manager (for example 'apt-get install nodejs npm', "
            + "'brew install node' or 'winget install OpenJS.NodeJS.LTS'), make sure 'node' and 'npm' are on the "
            + "PATH of the JVM that runs the tests, and run the build again.";
        return new AzuriteUnavailableException(message, cause);
    }

    /**
     * The version reported by {@code node --version}, for example {@code v20.11.1}.
     *
     * @return the version string
     */
    public String version() {
        return version;
    }

    /**
     * The npm command for this operating system.
     *
     * @return {@code npm}, or {@code npm.cmd} on Windows
     */
    public String npmCommand() {
        return WINDOWS ? "npm.cmd" : "npm";
    }

    /**
     * The launcher npm writes for a package binary in {@code node_modules/.bin}.
     *
     * @param installDirectory the directory that holds {@code node_modules}
     * @param binary the binary's name, for example {@code azurite-table}
     * @return the launcher's path ({@code .cmd} on Windows)
     */
    public Path binary(Path installDirectory, String binary) {
        return installDirectory.resolve("node_modules").resolve(".bin").resolve(WINDOWS ? binary + ".cmd" : binary);
    }
}
