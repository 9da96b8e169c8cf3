package io.github.adfkit.testing.implementation;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * A WireMock response transformer that a fake's stubs name explicitly ({@code withTransformers(name)}); it never
 * applies to other stubs.
 */
public abstract class NamedResponseTransformer implements ResponseDefinitionTransformerV2 {
    private final String name;

    /**
     * @param name the transformer's name, unique within its server
     */
    protected NamedResponseTransformer(String name) {
        this.name = name;
    }

    /**
     * @return the name stubs use to select this transformer
     */
    @Override
    public final String getName() {
        return name;
    }

    /**
     * @return {@code false}: only stubs that name this transformer use it
     */
    @Override
    public final boolean applyGlobally() {
        return false;
    }
}
