package io.github.adfkit.testing.process;

import java.util.concurrent.CountDownLatch;

/**
 * The child of {@link ChildJvmTest}: prints what it was given, registers a shutdown hook that prints a line, prints
 * {@code ready}, then blocks forever, or exits normally when its first argument is {@code exit}.
 */
public final class BlockingMain {
    static final String HOOK_LINE = "shutdown hook ran";

    private BlockingMain() {
    }

    /**
     * Runs the child.
     *
     * @param args {@code exit} to exit after {@code ready}; anything else is printed
     * @throws InterruptedException never in practice: the child is killed while blocked
     */
    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(HOOK_LINE);
            System.out.flush();
        }));
        System.out.println("greeting=" + System.getProperty("child.greeting") + " args=" + String.join(",", args));
        System.err.println("to stderr");
        System.out.println("ready");
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            return;
        }
        new CountDownLatch(1).await();
    }
}
