package io.github.adfkit.examples.demo;

import io.github.adfkit.durable.AsyncOperationClient;

/**
 * What every flow of the tour works with.
 *
 * @param environment the fakes, to check what ADF and ARM saw
 * @param host the host under tour
 * @param narrator where the story goes
 * @param http the plain HTTP calls of pipelines and browsers
 * @param operations adfkit's client for submit and status
 */
record TourContext(LocalEnvironment environment, DemoHost host, Narrator narrator, DemoHttp http,
    AsyncOperationClient operations) {
}
