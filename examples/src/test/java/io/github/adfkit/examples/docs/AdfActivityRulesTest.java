package io.github.adfkit.examples.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.adfkit.examples.docs.AdfActivityRules.Rule;
import io.github.adfkit.examples.docs.AdfActivityRules.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdfActivityRulesTest {
    private static final String WEBHOOK = """
        {"name": "Hook", "type": "WebHook", "typeProperties": {"method": "POST", "url": "https://h/jobs",
         "headers": {"Content-Type": "application/json"}, "body": {"a": 1}, "timeout": "0.08:00:00"}}""";

    @Test
    void aValidPipelineBreaksNoRule() throws JsonProcessingException {
        assertThat(AdfActivityRules.checkPipeline(StrictJson.parse(pipeline(WEBHOOK + ","
            + "{\"name\": \"Keep\", \"type\": \"SetVariable\", \"dependsOn\": [{\"activity\": \"Hook\","
            + " \"dependencyConditions\": [\"Succeeded\", \"Failed\"]}],"
            + " \"typeProperties\": {\"variableName\": \"v\", \"value\": \"x\"}}")))).isEmpty();
    }

    @Test
    void webHookRules() throws JsonProcessingException {
        assertThat(rulesOfActivity("""
            {"name": "Hook", "type": "WebHook", "typeProperties": {"method": "GET", "url": "",
             "headers": {}, "body": "@string(1)", "timeout": "10 minutes"}}"""))
            .containsExactly(Rule.WEBHOOK, Rule.WEBHOOK, Rule.WEBHOOK, Rule.WEBHOOK, Rule.TIMEOUT);
    }

    @Test
    void webActivityRules() throws JsonProcessingException {
        assertThat(rulesOfActivity("""
            {"name": "Web", "type": "WebActivity", "typeProperties": {"method": "PATCH", "url": "https://h"}}"""))
            .containsExactly(Rule.WEB_ACTIVITY);
        assertThat(rulesOfActivity("""
            {"name": "Web", "type": "WebActivity", "typeProperties": {"method": "POST", "url": "https://h"}}"""))
            .containsExactly(Rule.WEB_ACTIVITY);
    }

    @Test
    void untilWaitAndExpressionRules() throws JsonProcessingException {
        assertThat(rulesOfActivity("""
            {"name": "Loop", "type": "Until", "typeProperties": {"expression": {"value": "true", "type": "String"},
             "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": "5"}}]}}"""))
            .containsExactly(Rule.EXPRESSION, Rule.WAIT);
        assertThat(rulesOfActivity("""
            {"name": "Loop", "type": "Until",
             "typeProperties": {"expression": {"value": "@true", "type": "Expression"}, "activities": []}}"""))
            .containsExactly(Rule.UNTIL);
    }

    @Test
    void dependenciesNamesAndVariables() throws JsonProcessingException {
        List<Violation> violations = AdfActivityRules.checkPipeline(StrictJson.parse(pipeline(WEBHOOK + ","
            + "{\"name\": \"Hook\", \"type\": \"SetVariable\", \"dependsOn\": [{\"activity\": \"Missing\","
            + " \"dependencyConditions\": [\"Success\"]}], \"typeProperties\": {\"variableName\": \"w\"}},"
            + "{\"name\": \"a:b\", \"type\": \"Wait\", \"typeProperties\": {\"waitTimeInSeconds\": 1}}")));

        assertThat(violations).extracting(Violation::rule)
            .containsExactly(Rule.NAME, Rule.DEPENDS_ON, Rule.DEPENDS_ON, Rule.SET_VARIABLE, Rule.NAME);
        assertThat(violations.get(1).toString())
            .startsWith("rule \"dependsOn names an activity of the same list")
            .contains("activity 'Hook'", "'Missing'");
    }

    @Test
    void declarationTypes() throws JsonProcessingException {
        assertThat(AdfActivityRules.checkPipeline(StrictJson.parse("""
            {"name": "P", "properties": {"parameters": {"p": {"type": "Text"}}, "variables": {"v": {"type": "Int"}},
             "activities": [{"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}""")))
            .extracting(Violation::rule).containsExactly(Rule.PARAMETER_TYPE, Rule.VARIABLE_TYPE);
    }

    @Test
    void aPipelineWithoutActivitiesIsRefused() throws JsonProcessingException {
        assertThat(AdfActivityRules.checkPipeline(StrictJson.parse("{\"properties\": {}}")))
            .extracting(Violation::rule).containsExactly(Rule.PIPELINE, Rule.PIPELINE);
    }

    @Test
    void strictJsonRefusesRepeatedKeysAndTrailingText() {
        assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1} x")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1,}")).isInstanceOf(JsonProcessingException.class);
    }

    private static List<Rule> rulesOfActivity(String json) throws JsonProcessingException {
        return AdfActivityRules.checkActivity(StrictJson.parse(json)).stream().map(Violation::rule).toList();
    }

    private static String pipeline(String activities) {
        return "{\"name\": \"P\", \"properties\": {\"variables\": {\"v\": {\"type\": \"String\"}}, \"activities\": ["
            + activities + "]}}";
    }
}
