/**
 * The parts of adfkit every module shares: {@link io.github.adfkit.core.AdfkitException} (the root of every error
 * adfkit raises), {@link io.github.adfkit.core.Backoff} and {@link io.github.adfkit.core.SchedulingClock} (how adfkit
 * waits), {@link io.github.adfkit.core.Redaction} (how secrets are kept out of logs), and the ADF WebHook contract:
 * {@link io.github.adfkit.core.WebhookRequest} parses what a WebHook activity sends,
 * {@link io.github.adfkit.core.CallbackClient} answers it through its {@code callBackUri}.
 */
package io.github.adfkit.core;
