package io.github.adfkit.examples.demo;

import java.io.PrintStream;

/**
 * A route of {@link DemoHost}, shown as a curl line with the status it answers.
 *
 * @param expectedStatus the HTTP status the request gets
 * @param what what the request does
 * @param curl the request
 */
record RouteExample(int expectedStatus, String what, CurlLine curl) {
    /** What the comment line above each curl line starts with, followed by the status. */
    static final String EXPECT = "# expect ";

    /**
     * Prints a comment line ({@code # expect 202: what it does}) and the curl line.
     *
     * @param out where to print
     */
    void print(PrintStream out) {
        out.println(EXPECT + expectedStatus + ": " + what);
        out.println(curl);
    }
}
