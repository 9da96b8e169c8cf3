package io.github.adfkit.spring;

import io.github.adfkit.testing.implementation.LibraryApiContract;

/** The module's public API is the listing checked in as {@code api.txt}, and names no Jackson type. */
class PublicApiTest extends LibraryApiContract {
}
