/**
 * Pause a Data Factory pipeline and resume it when a person follows a single-use link:
 * {@link io.github.adfkit.pauserestart.PauseRestartClient} (built by
 * {@link io.github.adfkit.pauserestart.PauseRestartClientBuilder}) issues tickets and restarts,
 * {@link io.github.adfkit.pauserestart.RestartPages} serves the link's confirmation and result pages, and
 * {@link io.github.adfkit.pauserestart.PauseDataHandler} gives the resumed pipeline its data back.
 */
package io.github.adfkit.pauserestart;
