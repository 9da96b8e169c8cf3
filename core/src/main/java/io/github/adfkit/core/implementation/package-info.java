/**
 * What every adfkit module builds on and no user calls: the HTTP pipeline (retries, redacting logs, User-Agent,
 * instrumentation), JSON, telemetry, the Table storage records (conditional writes in {@code ConditionalRows} /
 * {@code ConditionalTable}, the lease and journal of {@code LeasedRow}), callback delivery with its retries, and the
 * rate limiter. Exported only to adfkit's own modules; nothing here is API.
 */
package io.github.adfkit.core.implementation;
