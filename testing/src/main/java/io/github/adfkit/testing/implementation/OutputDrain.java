package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a child process's output line by line on a daemon thread, logs each line at verbose level, keeps the last
 * lines for error messages and hands every line to a listener.
 */
public final class OutputDrain {
    private static final ClientLogger LOGGER = new ClientLogger(OutputDrain.class);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private OutputDrain(String name) {
        this.name = name;
    }

    /**
     * Starts draining a stream.
     *
     * @param name the name used in log lines and for the thread
     * @param stream the process output (standard output with standard error merged into it)
     * @param lineListener called on the drain thread with every line
     * @return the running drain
     */
    public static OutputDrain start(String name, InputStream stream, Consumer<String> lineListener) {
        OutputDrain drain = new OutputDrain(name);
        Thread thread = new Thread(() -> drain.drain(stream, lineListener), "adfkit-" + name + "-output");
        thread.setDaemon(true);
        thread.start();
        return drain;
    }

    /**
     * Completes when the stream has ended (the process closed its output, normally because it exited).
     *
     * @return a future completed at end of stream
     */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * The last lines read so far, oldest first.
     *
     * @return a copy of the tail
     */
    public synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /**
     * The last lines read so far as one string, for an exception message.
     *
     * @return the tail joined with line breaks
     */
    public String tailText() {
        return String.join(System.lineSeparator(), tail());
    }

    private void drain(InputStream stream, Consumer<String> lineListener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                remember(line);
                LOGGER.verbose("[{}] {}", name, line);
                lineListener.accept(line);
            }
        } catch (IOException | UncheckedIOException e) {
            LOGGER.verbose("[{}] output closed: {}", name, e.getMessage());
        } finally {
            finished.complete(null);
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }
}
