/**
 * A framework-neutral HTTP surface for adfkit's endpoints (the async submit/status pair, the WebHook receiver, the
 * pause and restart pages): a {@link io.github.adfkit.core.host.HostHandler} turns a
 * {@link io.github.adfkit.core.host.HostRequest} into a {@link io.github.adfkit.core.host.HostResponse}, and the
 * adapters plug handlers into the JDK's built-in HTTP server ({@link io.github.adfkit.core.host.JdkHttpServerAdapter})
 * or an Azure Functions Java app ({@link io.github.adfkit.core.host.AzureFunctionsAdapter}).
 */
package io.github.adfkit.core.host;
