/**
 * Value types of adfkit core: the ADF WebHook callback body ({@link io.github.adfkit.core.models.CallbackPayload})
 * and the outcome of delivering it ({@link io.github.adfkit.core.models.CallbackResult}).
 */
package io.github.adfkit.core.models;
