/**
 * A framework-neutral HTTP surface for adfkit's endpoints (the async submit/status pair, the WebHook receiver, the
 * pause and restart pages): a {@link io.github.adfkit.core.host.HostHandler} turns a
 * {@link io.github.adfkit.core.host.HostRequest} into a {@link io.github.adfkit.core.host.HostResponse}, and the
 * adapters plug handlers into the JDK's built-in HTTP server ({@link io.github.adfkit.core.host.JdkHttpServerAdapter})
 * or an Azure Functions Java app ({@link io.github.adfkit.core.host.AzureFunctionsAdapter}), or serve on
 * {@link io.github.adfkit.core.host.HostServer}. The endpoint toolkit every capability shares is here too: who may
 * call ({@link io.github.adfkit.core.host.CallerAuthorization}, with a function key or a Microsoft Entra ID bearer
 * token), a throttle of refused callers ({@link io.github.adfkit.core.host.AuthorizedHandler}) and the public address
 * of links ({@link io.github.adfkit.core.host.PublicUrls}, {@link io.github.adfkit.core.host.TrustedProxies}).
 */
package io.github.adfkit.core.host;
