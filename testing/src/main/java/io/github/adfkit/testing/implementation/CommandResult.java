package io.github.adfkit.testing.implementation;

/**
 * The outcome of a command run to completion by {@link CommandRunner}.
 *
 * @param exitCode the exit code, or -1 when the command timed out
 * @param timedOut whether the command was stopped because it ran past its deadline
 * @param outputTail the last lines of its merged standard output and standard error
 */
public record CommandResult(int exitCode, boolean timedOut, String outputTail) {
    /**
     * Whether the command finished in time with exit code 0.
     *
     * @return true on success
     */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
