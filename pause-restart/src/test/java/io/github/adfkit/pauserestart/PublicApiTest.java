package io.github.adfkit.pauserestart;

import io.github.adfkit.testing.implementation.PublicApiListing;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The module's public API is the listing checked in as {@code api.txt}: a signature change fails the build. */
class PublicApiTest {
    @Test
    void thePublicApiMatchesTheCheckedInListing() {
        PublicApiListing.check(Path.of("target", "classes"), Path.of("api.txt"));
    }

    @Test
    void noJacksonTypeIsInThePublicApi() {
        PublicApiListing.checkNoTypesFrom(Path.of("target", "classes"), "com.fasterxml.jackson");
    }
}
