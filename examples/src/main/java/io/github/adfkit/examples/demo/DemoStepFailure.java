package io.github.adfkit.examples.demo;

/**
 * A step of the tour did not give what it should: the message says what was expected and what came instead.
 */
final class DemoStepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected and what came instead
     */
    DemoStepFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * @param failure anything a step threw
     * @return its message, or its type when it has none; never a stack trace
     */
    static String reasonOf(RuntimeException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
