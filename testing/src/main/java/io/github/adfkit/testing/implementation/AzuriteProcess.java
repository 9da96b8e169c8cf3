package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.azurite.AzuriteUnavailableException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running {@code azurite-table} process: in memory, on a free loopback port, with the API-version check off,
 * stopped by a shutdown hook when the JVM exits.
 */
public final class AzuriteProcess {
    private static final ClientLogger LOGGER = new ClientLogger(AzuriteProcess.class);
    private static final String STARTED = "successfully started";
    private static final String ADDRESS_IN_USE = "EADDRINUSE";
    private static final int START_ATTEMPTS = 5;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final int port;

    private AzuriteProcess(int port) {
        this.port = port;
    }

    /**
     * Starts Azurite's Table service and waits until it is ready; a JVM shutdown hook stops it. A port taken between
     * choosing and binding it is retried with another port.
     *
     * @param launcher the {@code azurite-table} launcher
     * @param workingDirectory the directory to run it in
     * @param readinessTimeout how long one start may take until Azurite reports it has started
     * @return the running process
     * @throws AzuriteUnavailableException if Azurite does not start
     */
    public static AzuriteProcess start(Path launcher, Path workingDirectory, Duration readinessTimeout) {
        for (int attempt = 1; ; attempt++) {
            int port = LoopbackPorts.freePort();
            Process process = launch(launcher, workingDirectory, port);
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            OutputDrain output = OutputDrain.start("azurite-table", process.getInputStream(), line -> {
                if (line.contains(STARTED)) {
                    started.complete(true);
                }
            });
            output.finished().thenRun(() -> started.complete(false));
            if (awaitReady(started, readinessTimeout) && LoopbackPorts.accepts(port, CONNECT_TIMEOUT)) {
                LOGGER.info("Azurite Table service started on {}:{}", LoopbackPorts.LOOPBACK_HOST, port);
                ProcessTrees.destroyOnExit(process, STOP_GRACE, "adfkit-azurite-shutdown");
                return new AzuriteProcess(port);
            }
            String outcome = process.isAlive()
                ? "did not report '" + STARTED + "' within " + readinessTimeout.toSeconds() + " s"
                : "exited with code " + process.exitValue();
            ProcessTrees.destroy(process, STOP_GRACE);
            String tail = output.tailText();
            if (tail.contains(ADDRESS_IN_USE) && attempt < START_ATTEMPTS) {
                LOGGER.verbose("Port {} was taken before Azurite could bind it; retrying with another port", port);
                continue;
            }
            throw LOGGER.logExceptionAsError(new AzuriteUnavailableException("Azurite (" + launcher + ") on "
                + LoopbackPorts.LOOPBACK_HOST + ":" + port + " " + outcome + " (attempt " + attempt + " of "
                + START_ATTEMPTS + "). Its output:" + System.lineSeparator() + tail));
        }
    }

    /**
     * The port the Table service listens on.
     *
     * @return the loopback port
     */
    public int port() {
        return port;
    }

    private static Process launch(Path launcher, Path workingDirectory, int port) {
        List<String> command = List.of(launcher.toString(),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableTelemetry",
            "--tableHost", LoopbackPorts.LOOPBACK_HOST,
            "--tablePort", Integer.toString(port));
        try {
            Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(NodeRuntime.missing("starting " + launcher + " failed: "
                + e.getMessage(), e));
        }
    }

    private static boolean awaitReady(CompletableFuture<Boolean> started, Duration timeout) {
        try {
            return started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
