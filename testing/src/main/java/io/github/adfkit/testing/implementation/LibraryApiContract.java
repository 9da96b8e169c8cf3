package io.github.adfkit.testing.implementation;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The public-API checks every published library module runs: its API is the listing checked in as {@code api.txt}
 * (a signature change fails the build), and no public signature names a Jackson type. A module's test extends this
 * class and adds nothing.
 */
public abstract class LibraryApiContract {
    /**
     * For subclasses.
     */
    protected LibraryApiContract() {
    }

    /**
     * The module's compiled public API equals its checked-in listing.
     */
    @Test
    public void thePublicApiMatchesTheCheckedInListing() {
        PublicApiListing.check(Path.of("target", "classes"), Path.of("api.txt"));
    }

    /**
     * No public signature of the module names a Jackson type.
     */
    @Test
    public void noJacksonTypeIsInThePublicApi() {
        PublicApiListing.checkNoTypesFrom(Path.of("target", "classes"), "com.fasterxml.jackson");
    }
}
