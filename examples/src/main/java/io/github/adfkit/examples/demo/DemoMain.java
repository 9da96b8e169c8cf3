package io.github.adfkit.examples.demo;

/**
 * The README's first command runs this: {@code mvn -B -q -Pdemo verify}.
 */
public final class DemoMain {
    private DemoMain() {
    }

    /**
     * Runs the local tour and exits 0, or prints the failure and exits 1.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try {
            new Demo(System.out).run();
            System.out.println();
            System.out.println("Demo finished.");
        } catch (RuntimeException failure) {
            System.err.println("Demo failed: " + failure.getMessage());
            System.exit(1);
        }
    }
}
