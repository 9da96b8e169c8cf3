package io.github.adfkit.testing.implementation;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;

import java.util.List;

/**
 * A WireMock mappings source that neither loads nor saves stub files, so a fake never picks up stubs from the
 * consuming project's {@code src/test/resources/mappings} folder. Fakes register their stubs in code.
 */
public final class NoStubFiles implements MappingsSource {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        // Nothing to load: stubs are registered in code.
    }

    @Override
    public void save(List<StubMapping> stubMappings) {
        // Nothing is written to disk.
    }

    @Override
    public void save(StubMapping stubMapping) {
        // Nothing is written to disk.
    }

    @Override
    public void remove(StubMapping stubMapping) {
        // Nothing is on disk.
    }

    @Override
    public void removeAll() {
        // Nothing is on disk.
    }
}
