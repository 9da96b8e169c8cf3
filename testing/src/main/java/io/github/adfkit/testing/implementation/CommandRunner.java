package io.github.adfkit.testing.implementation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short-lived command (such as {@code node --version} or {@code npm ci}) to completion with a deadline.
 */
public final class CommandRunner {
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private CommandRunner() {
    }

    /**
     * Runs a command and waits for it.
     *
     * @param name a short name for log lines
     * @param command the command and its arguments
     * @param workingDirectory the directory to run it in
     * @param timeout how long the command may run before it is stopped
     * @return the exit code and the tail of the output
     * @throws IOException if the command cannot be started (for example, it is not on the PATH)
     */
    public static CommandResult run(String name, List<String> command, Path workingDirectory, Duration timeout)
        throws IOException {
        Process process = new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
        process.getOutputStream().close();
        OutputDrain output = OutputDrain.start(name, process.getInputStream(), line -> { });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.destroy(process, STOP_GRACE);
                return new CommandResult(-1, true, output.tailText());
            }
            output.finished().get(OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTrees.destroy(process, STOP_GRACE);
            throw new IOException("Interrupted while running " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            // The process has exited; a stream still open is held by a grandchild. The tail read so far is enough.
        }
        return new CommandResult(process.exitValue(), false, output.tailText());
    }
}
