/**
 * A WireMock fake of the Azure Data Factory management API ({@code createRun}, {@code pipelineruns/{runId}},
 * {@code queryPipelineRuns}, {@code cancel}) that records every run and fails on demand with 429, 5xx or a response
 * that comes too late. Start it with {@link io.github.adfkit.testing.adf.AdfFakeServer}.
 */
package io.github.adfkit.testing.adf;
