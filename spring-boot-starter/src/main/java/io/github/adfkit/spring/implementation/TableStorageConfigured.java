package io.github.adfkit.spring.implementation;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code adfkit.tables.endpoint} or {@code adfkit.tables.connection-string} is set.
 */
public final class TableStorageConfigured extends SpringBootCondition {
    static final String ENDPOINT = "adfkit.tables.endpoint";
    static final String CONNECTION_STRING = "adfkit.tables.connection-string";

    /**
     * Creates the condition.
     */
    public TableStorageConfigured() {
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (hasText(environment.getProperty(ENDPOINT)) || hasText(environment.getProperty(CONNECTION_STRING))) {
            return ConditionOutcome.match("adfkit.tables is set");
        }
        return ConditionOutcome.noMatch("neither " + ENDPOINT + " nor " + CONNECTION_STRING + " is set");
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
