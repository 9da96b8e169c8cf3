/**
 * Inputs and results of {@link io.github.adfkit.pauserestart.PauseRestartClient}: the pipeline to resume
 * ({@link io.github.adfkit.pauserestart.models.PipelineTarget}), what to pause with
 * ({@link io.github.adfkit.pauserestart.models.PauseOptions}), the ticket handed to a person
 * ({@link io.github.adfkit.pauserestart.models.PauseTicket}), what a restart did
 * ({@link io.github.adfkit.pauserestart.models.RestartResult}) and the data the resumed pipeline reads back
 * ({@link io.github.adfkit.pauserestart.models.PauseData}).
 */
package io.github.adfkit.pauserestart.models;
