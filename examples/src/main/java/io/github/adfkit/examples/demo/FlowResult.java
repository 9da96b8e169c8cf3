package io.github.adfkit.examples.demo;

import java.time.Duration;

/**
 * One row of the demo's summary.
 *
 * @param flow the flow, such as {@code WebHook -> job -> callback}
 * @param passed whether every step gave what it should
 * @param outcome what came out, or which step failed and why
 * @param time how long the flow took
 */
public record FlowResult(String flow, boolean passed, String outcome, Duration time) {
}
