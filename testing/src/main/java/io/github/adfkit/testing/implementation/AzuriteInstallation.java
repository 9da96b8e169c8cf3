package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.azurite.AzuriteUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The npm installation of the pinned Azurite: where it lives, and installing it once with {@code npm ci}.
 *
 * <p>The {@code package.json} and {@code package-lock.json} shipped in this jar are copied into the install directory
 * and {@code npm ci} runs there, unless a marker file records that this exact lock file was installed already. A file
 * lock keeps two JVMs (parallel module builds) from installing into the same directory at once.</p>
 */
public final class AzuriteInstallation {
    private static final ClientLogger LOGGER = new ClientLogger(AzuriteInstallation.class);
    private static final String RESOURCES = "/io/github/adfkit/testing/azurite/";
    private static final String PACKAGE_JSON = "package.json";
    private static final String PACKAGE_LOCK = "package-lock.json";
    private static final String MARKER = ".adfkit-installed-lock-sha256";
    private static final String LOCK_FILE = ".adfkit-install.lock";
    private static final String TABLE_BINARY = "azurite-table";
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);

    private final Path home;
    private final byte[] packageJson;
    private final byte[] packageLock;
    private final String lockHash;

    private AzuriteInstallation(Path home, byte[] packageJson, byte[] packageLock, String lockHash) {
        this.home = home;
        this.packageJson = packageJson;
        this.packageLock = packageLock;
        this.lockHash = lockHash;
    }

    /**
     * Reads the pinned package files from the class path and decides the install directory.
     *
     * @param configuredHome the install directory configured by the user (system property or environment variable),
     *     or null/blank for the default {@code ${user.home}/.cache/adfkit/azurite-<first 12 hex of the lock's SHA-256>}
     * @return the installation, not installed yet
     */
    public static AzuriteInstallation fromClasspath(String configuredHome) {
        byte[] packageJson = resource(PACKAGE_JSON);
        byte[] packageLock = resource(PACKAGE_LOCK);
        String lockHash = sha256Hex(packageLock);
        Path home = configuredHome == null || configuredHome.isBlank()
            ? Paths.get(System.getProperty("user.home"), ".cache", "adfkit", "azurite-" + lockHash.substring(0, 12))
            : Paths.get(configuredHome.trim());
        return new AzuriteInstallation(home.toAbsolutePath(), packageJson, packageLock, lockHash);
    }

    /**
     * The install directory.
     *
     * @return the directory that holds (or will hold) {@code node_modules}
     */
    public Path home() {
        return home;
    }

    /**
     * Installs Azurite unless this lock file was installed already, and returns the {@code azurite-table} launcher.
     *
     * @param node the Node.js runtime found on the PATH
     * @return the path of the {@code azurite-table} launcher
     * @throws AzuriteUnavailableException if the directory cannot be written or {@code npm ci} fails
     */
    public Path ensureInstalled(NodeRuntime node) {
        Path launcher = node.binary(home, TABLE_BINARY);
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    if (isInstalled(launcher)) {
                        LOGGER.verbose("Azurite already installed in {}", home);
                    } else {
                        install(node);
                    }
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(new AzuriteUnavailableException(
                "Could not install Azurite into " + home + ": " + e.getMessage() + ". Set the system property "
                    + "'adfkit.azurite.home' or the environment variable 'ADFKIT_AZURITE_HOME' to a writable "
                    + "directory.", e));
        }
        if (!Files.exists(launcher)) {
            throw LOGGER.logExceptionAsError(new AzuriteUnavailableException(
                "npm ci finished in " + home + " but " + launcher + " does not exist. Delete that directory and "
                    + "run the build again."));
        }
        return launcher;
    }

    private boolean isInstalled(Path launcher) throws IOException {
        Path marker = home.resolve(MARKER);
        return Files.exists(launcher) && Files.exists(marker)
            && lockHash.equals(Files.readString(marker, StandardCharsets.UTF_8).trim());
    }

    private void install(NodeRuntime node) throws IOException {
        Files.deleteIfExists(home.resolve(MARKER));
        Files.write(home.resolve(PACKAGE_JSON), packageJson);
        Files.write(home.resolve(PACKAGE_LOCK), packageLock);
        LOGGER.info("Installing the pinned Azurite into {} with npm ci (first run only, takes a minute)", home);
        List<String> command = List.of(node.npmCommand(), "ci", "--no-audit", "--no-fund", "--loglevel=error");
        CommandResult result;
        try {
            result = CommandRunner.run("npm-ci", command, home, NPM_CI_TIMEOUT);
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(NodeRuntime.missing("running 'npm ci' failed: " + e.getMessage(), e));
        }
        if (!result.succeeded()) {
            String outcome = result.timedOut() ? "did not finish within " + NPM_CI_TIMEOUT.toMinutes() + " minutes"
                : "failed with exit code " + result.exitCode();
            throw LOGGER.logExceptionAsError(new AzuriteUnavailableException("'npm ci' in " + home + " " + outcome
                + ". Check network access to the npm registry (and any npm proxy settings). Output:"
                + System.lineSeparator() + result.outputTail()));
        }
        Files.writeString(home.resolve(MARKER), lockHash, StandardCharsets.UTF_8);
        LOGGER.info("Azurite installed in {}", home);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AzuriteInstallation.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw LOGGER.logExceptionAsError(new IllegalStateException(
                    "adfkit-testing is missing its resource " + RESOURCES + name));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(new UncheckedIOException(e));
        }
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("SHA-256 is not available", e));
        }
    }
}
