package io.github.adfkit.testing.process;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.implementation.OutputDrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Java main class running in a separate JVM on the current test class path, for crash tests: start it, wait until
 * it reaches the step to crash at, then {@link #kill()} it with SIGKILL. Nothing in the child runs after the kill:
 * no shutdown hook, no {@code finally}, no buffered write, exactly as when a host dies.
 *
 * <pre>{@code
 * try (ChildJvm host = ChildJvm.builder(JobHostMain.class)
 *         .systemProperty("adfkit.table.connection", azurite.connectionString())
 *         .args("job-1")
 *         .start()) {
 *     host.awaitLine(line -> line.contains("container terminated"), Duration.ofSeconds(30));
 *     host.kill();                        // kill -9
 *     // start a new host on the same tables and assert exactly one callback ...
 * }
 * }</pre>
 *
 * <p>The child gets {@code java.class.path} and, when the tests run on the module path, {@code jdk.module.path} of
 * this JVM, the JVM options {@code -Xmx256m -XX:+UseSerialGC} followed by the builder's, the system properties, the
 * main class and the arguments. Standard output and standard error are captured line by line into one list
 * ({@link #output()}) and logged at verbose level. A shutdown hook kills the child if the test JVM exits first.</p>
 */
public final class ChildJvm implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(ChildJvm.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final String name;
    private final Process process;
    private final Thread killOnExit;
    private final List<String> lines = new ArrayList<>();
    private int finishedStreams;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "adfkit-kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        OutputDrain.start(name, process.getInputStream(), this::record).finished()
            .whenComplete((ignored, error) -> streamFinished());
        OutputDrain.start(name + "-err", process.getErrorStream(), this::record).finished()
            .whenComplete((ignored, error) -> streamFinished());
    }

    /**
     * Starts describing a child JVM that runs a main class.
     *
     * @param mainClass a class with {@code public static void main(String[])}, on the test class path
     * @return a builder
     */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(Objects.requireNonNull(mainClass, "'mainClass' cannot be null."));
    }

    /**
     * The child's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the child is still running.
     *
     * @return true until it exits or is killed
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Every line the child wrote so far, standard output and standard error interleaved in arrival order.
     *
     * @return a copy of the lines
     */
    public synchronized List<String> output() {
        return List.copyOf(lines);
    }

    /**
     * Waits for an output line that matches, seen before or during the wait.
     *
     * @param matcher the test for a line, for example {@code line -> line.equals("ready")}
     * @param timeout the longest wait
     * @return the first matching line
     * @throws AssertionError if no line matches before the deadline or before the child's output ends; the message
     *     holds the whole output
     */
    public synchronized String awaitLine(Predicate<String> matcher, Duration timeout) {
        Objects.requireNonNull(matcher, "'matcher' cannot be null.");
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matcher.test(lines.get(checked))) {
                    return lines.get(checked);
                }
            }
            long remaining = deadline - System.nanoTime();
            if (finishedStreams == 2 || remaining <= 0) {
                String why = finishedStreams == 2 ? "its output ended (exited: " + exitDescription() + ")"
                    : "the deadline of " + timeout + " passed";
                throw new AssertionError("Child JVM " + name + " wrote no matching line before " + why
                    + ". Output:" + System.lineSeparator() + String.join(System.lineSeparator(), lines));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for child JVM " + name, e);
            }
        }
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @param timeout the longest wait
     * @return the exit code
     * @throws AssertionError if it is still running after the timeout; the message holds the whole output
     */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("Child JVM " + name + " did not exit within " + timeout + ". Output:"
            + System.lineSeparator() + String.join(System.lineSeparator(), output()));
    }

    /**
     * Asks the child to stop with SIGTERM, as a service manager does: unlike {@link #kill()}, the child may handle it
     * and its shutdown hooks run. Waits for it to exit; what it prints while it stops is still read into
     * {@link #output()} ({@link Process#destroy()} would close the pipes at once).
     *
     * @param timeout the longest wait
     * @return the exit code: what the child exits with when it handles the signal, otherwise 143 (128 + SIGTERM)
     *     on Linux and macOS
     * @throws AssertionError if it is still running after the timeout; the message holds the whole output
     */
    public int terminate(Duration timeout) {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()}) and waits until it is gone. Nothing in the
     * child runs after this: no shutdown hook, no {@code finally} block.
     *
     * @return the exit code: 137 (128 + SIGKILL) on Linux and macOS, 1 on Windows, or the code of an earlier exit
     * @throws IllegalStateException if the child is still alive 30 seconds after the kill
     */
    public int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw LOGGER.logExceptionAsError(new IllegalStateException(
                    "Child JVM " + name + " (pid " + pid() + ") is still alive after SIGKILL."));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LOGGER.logExceptionAsError(new IllegalStateException("Interrupted while killing " + name, e));
        }
        return process.exitValue();
    }

    /**
     * Kills the child if it is still running (a test's cleanup, not a crash step: call {@link #kill()} for that).
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException jvmExiting) {
            // The hook is running or about to; the child is gone either way.
        }
    }

    private synchronized void record(String line) {
        lines.add(line);
        notifyAll();
    }

    private synchronized void streamFinished() {
        finishedStreams++;
        notifyAll();
    }

    private String exitDescription() {
        return process.isAlive() ? "not yet" : "code " + process.exitValue();
    }

    /**
     * Describes a child JVM: system properties, JVM options and arguments. Not thread-safe; each
     * {@link #start()} starts a new child.
     */
    public static final class Builder {
        private final Class<?> mainClass;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();

        private Builder(Class<?> mainClass) {
            this.mainClass = mainClass;
        }

        /**
         * Sets a system property in the child ({@code -Dname=value}).
         *
         * @param name the property name
         * @param value the value
         * @return this builder
         */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(Objects.requireNonNull(name, "'name' cannot be null."),
                Objects.requireNonNull(value, "'value' cannot be null."));
            return this;
        }

        /**
         * Adds a JVM option, after the defaults ({@code -Xmx256m -XX:+UseSerialGC}), so it can override them.
         *
         * @param option for example {@code -Xmx512m}
         * @return this builder
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "'option' cannot be null."));
            return this;
        }

        /**
         * Adds arguments for the main method.
         *
         * @param arguments the arguments, in order
         * @return this builder
         */
        public Builder args(String... arguments) {
            for (String argument : arguments) {
                args.add(Objects.requireNonNull(argument, "an argument cannot be null."));
            }
            return this;
        }

        /**
         * Starts the child JVM.
         *
         * @return the running child
         * @throws UncheckedIOException if the {@code java} launcher cannot be started
         */
        public ChildJvm start() {
            List<String> command = command();
            try {
                Process process = new ProcessBuilder(command).start();
                process.getOutputStream().close();
                return new ChildJvm(mainClass.getSimpleName() + "-" + process.pid(), process);
            } catch (IOException e) {
                throw LOGGER.logExceptionAsError(new UncheckedIOException(
                    "Cannot start a child JVM for " + mainClass.getName(), e));
            }
        }

        private List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(DEFAULT_JVM_OPTIONS);
            command.addAll(jvmOptions);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            String modulePath = System.getProperty("jdk.module.path");
            Module module = mainClass.getModule();
            if (modulePath != null && !modulePath.isBlank()) {
                command.add("--module-path");
                command.add(modulePath);
                if (module.isNamed()) {
                    command.add("--module");
                    command.add(module.getName() + "/" + mainClass.getName());
                    command.addAll(args);
                    return command;
                }
                command.add("--add-modules");
                command.add("ALL-MODULE-PATH");
            }
            command.add(mainClass.getName());
            command.addAll(args);
            return command;
        }
    }
}
