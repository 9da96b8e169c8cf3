/**
 * A fake of the ADF WebHook callback endpoint: {@link io.github.adfkit.testing.callback.AdfCallbackReceiver} and
 * the {@link io.github.adfkit.testing.callback.ReceivedCallback} it records.
 */
package io.github.adfkit.testing.callback;
