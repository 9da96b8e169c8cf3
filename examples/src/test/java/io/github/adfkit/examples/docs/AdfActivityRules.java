package io.github.adfkit.examples.docs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an ADF pipeline or a single activity against the activity schema as Microsoft documents it (the
 * {@code Microsoft.DataFactory} 2018-06-01 REST specification and the WebHook, Web, Until, Wait, If Condition and
 * Set Variable activity pages): the rules a pipeline most often breaks when it is pasted into a factory.
 */
final class AdfActivityRules {
    /** The documented TimeSpan pattern of WebHook, Until and policy timeouts ({@code d.hh:mm:ss}). */
    static final Pattern TIMESPAN = Pattern.compile("((\\d+)\\.)?(\\d\\d):(60|([0-5][0-9])):(60|([0-5][0-9]))");
    private static final Pattern FORBIDDEN_IN_NAMES = Pattern.compile("[.+?/<>*%&:\\\\]");
    private static final int MAX_NAME_LENGTH = 55;
    private static final Set<String> CONDITIONS = Set.of("Succeeded", "Failed", "Skipped", "Completed");
    private static final Set<String> WEB_METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final Set<String> PARAMETER_TYPES =
        Set.of("object", "string", "int", "float", "bool", "array", "securestring");
    private static final Set<String> VARIABLE_TYPES = Set.of("string", "bool", "boolean", "array", "integer");
    private static final Map<String, List<String>> NESTED_LISTS = Map.of(
        "Until", List.of("activities"),
        "ForEach", List.of("activities"),
        "IfCondition", List.of("ifTrueActivities", "ifFalseActivities"));

    /** A rule of the schema; its text is what a failure names. */
    enum Rule {
        PIPELINE("a pipeline has a non-empty name and a non-empty properties.activities array"),
        NAME("activity names are non-empty, unique in the pipeline, at most 55 characters, without . + ? / < > * % & : \\"),
        TYPE("an activity has a type and a typeProperties object"),
        DEPENDS_ON("dependsOn names an activity of the same list, with conditions among Succeeded, Failed, Skipped, "
            + "Completed"),
        TIMEOUT("a timeout matches ((\\d+)\\.)?(\\d\\d):(60|([0-5][0-9])):(60|([0-5][0-9]))"),
        WEBHOOK("WebHook has method POST, a url, headers with Content-Type and an object body"),
        WEB_ACTIVITY("WebActivity has a method among GET, POST, PUT, DELETE, a url, and a body for POST and PUT"),
        EXPRESSION("Until and IfCondition have an expression {\"value\": \"@...\", \"type\": \"Expression\"}"),
        UNTIL("Until has a non-empty activities array"),
        WAIT("Wait has waitTimeInSeconds, a whole number or an expression"),
        SET_VARIABLE("SetVariable names a variable declared in properties.variables"),
        PARAMETER_TYPE("pipeline parameters have a type among Object, String, Int, Float, Bool, Array, SecureString"),
        VARIABLE_TYPE("pipeline variables have a type among String, Boolean, Array, Integer");

        private final String text;

        Rule(String text) {
            this.text = text;
        }

        /** @return the rule in words */
        String text() {
            return text;
        }
    }

    /**
     * A broken rule.
     *
     * @param rule the rule
     * @param where the activity (or "pipeline") that breaks it
     * @param detail what was found
     */
    record Violation(Rule rule, String where, String detail) {
        @Override
        public String toString() {
            return "rule \"" + rule.text() + "\" broken by " + where + ": " + detail;
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> variables;

    private AdfActivityRules(Set<String> variables) {
        this.variables = variables;
    }

    /**
     * @param pipeline a pipeline resource ({@code {"name", "properties": {"activities", ...}}})
     * @return the rules it breaks, empty when it follows them all
     */
    static List<Violation> checkPipeline(JsonNode pipeline) {
        JsonNode properties = pipeline.path("properties");
        AdfActivityRules rules = new AdfActivityRules(fieldNames(properties.path("variables")));
        if (isBlank(pipeline.path("name"))) {
            rules.add(Rule.PIPELINE, "pipeline", "no name");
        }
        JsonNode activities = properties.path("activities");
        if (!activities.isArray() || activities.isEmpty()) {
            rules.add(Rule.PIPELINE, "pipeline", "properties.activities is not a non-empty array");
        }
        rules.checkDeclarations(properties.path("parameters"), PARAMETER_TYPES, Rule.PARAMETER_TYPE);
        rules.checkDeclarations(properties.path("variables"), VARIABLE_TYPES, Rule.VARIABLE_TYPE);
        rules.checkList(activities, true);
        return rules.violations;
    }

    /**
     * Checks an activity shown on its own: what it depends on and which variables exist are not known.
     *
     * @param activity an activity ({@code {"name", "type", "typeProperties", ...}})
     * @return the rules it breaks, empty when it follows them all
     */
    static List<Violation> checkActivity(JsonNode activity) {
        AdfActivityRules rules = new AdfActivityRules(null);
        rules.checkActivity(activity, null);
        return rules.violations;
    }

    private void checkList(JsonNode activities, boolean resolveDependencies) {
        Set<String> siblings = new HashSet<>();
        activities.forEach(activity -> siblings.add(activity.path("name").asText()));
        activities.forEach(activity -> checkActivity(activity, resolveDependencies ? siblings : null));
    }

    private void checkActivity(JsonNode activity, Set<String> siblings) {
        String name = activity.path("name").asText("");
        String where = "activity '" + name + "'";
        checkName(name, where);
        String type = activity.path("type").asText("");
        JsonNode properties = activity.path("typeProperties");
        if (type.isBlank() || !properties.isObject()) {
            add(Rule.TYPE, where, "type '" + type + "', typeProperties " + properties.getNodeType());
        }
        checkDependencies(activity.path("dependsOn"), siblings, where);
        checkTimeout(activity.path("policy").path("timeout"), where + " policy");
        switch (type) {
            case "WebHook" -> checkWebHook(properties, where);
            case "WebActivity" -> checkWebActivity(properties, where);
            case "Until" -> checkUntil(properties, where);
            case "IfCondition" -> checkExpression(properties.path("expression"), where);
            case "Wait" -> checkWait(properties.path("waitTimeInSeconds"), where);
            case "SetVariable" -> checkSetVariable(properties.path("variableName"), where);
            default -> {
            }
        }
        NESTED_LISTS.getOrDefault(type, List.of()).stream().map(properties::path).filter(JsonNode::isArray)
            .forEach(nested -> checkList(nested, siblings != null));
    }

    private void checkName(String name, String where) {
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || FORBIDDEN_IN_NAMES.matcher(name).find()) {
            add(Rule.NAME, where, "not a valid activity name");
        } else if (!names.add(name)) {
            add(Rule.NAME, where, "a second activity has this name");
        }
    }

    private void checkDependencies(JsonNode dependsOn, Set<String> siblings, String where) {
        if (dependsOn.isMissingNode()) {
            return;
        }
        if (!dependsOn.isArray()) {
            add(Rule.DEPENDS_ON, where, "dependsOn is not an array");
            return;
        }
        for (JsonNode dependency : dependsOn) {
            String target = dependency.path("activity").asText("");
            if (target.isBlank() || siblings != null && !siblings.contains(target)) {
                add(Rule.DEPENDS_ON, where, "depends on '" + target + "', which is not in its activities list");
            }
            JsonNode conditions = dependency.path("dependencyConditions");
            if (!conditions.isArray() || conditions.isEmpty()) {
                add(Rule.DEPENDS_ON, where, "no dependencyConditions for '" + target + "'");
            }
            conditions.forEach(condition -> {
                if (!CONDITIONS.contains(condition.asText())) {
                    add(Rule.DEPENDS_ON, where, "condition " + condition + " on '" + target + "'");
                }
            });
        }
    }

    private void checkTimeout(JsonNode timeout, String where) {
        if (!timeout.isMissingNode() && !(timeout.isTextual() && TIMESPAN.matcher(timeout.asText()).matches())) {
            add(Rule.TIMEOUT, where, "timeout " + timeout);
        }
    }

    private void checkWebHook(JsonNode properties, String where) {
        if (!"POST".equals(properties.path("method").asText())) {
            add(Rule.WEBHOOK, where, "method " + properties.path("method"));
        }
        if (isBlank(properties.path("url"))) {
            add(Rule.WEBHOOK, where, "no url");
        }
        if (!hasHeader(properties.path("headers"), "Content-Type")) {
            add(Rule.WEBHOOK, where, "no Content-Type header");
        }
        if (!properties.path("body").isObject()) {
            add(Rule.WEBHOOK, where, "body is " + properties.path("body").getNodeType() + ", not an object");
        }
        checkTimeout(properties.path("timeout"), where);
    }

    private void checkWebActivity(JsonNode properties, String where) {
        String method = properties.path("method").asText();
        if (!WEB_METHODS.contains(method)) {
            add(Rule.WEB_ACTIVITY, where, "method " + properties.path("method"));
        }
        if (isBlank(properties.path("url"))) {
            add(Rule.WEB_ACTIVITY, where, "no url");
        }
        if ((method.equals("POST") || method.equals("PUT")) && properties.path("body").isMissingNode()) {
            add(Rule.WEB_ACTIVITY, where, method + " without a body");
        }
    }

    private void checkUntil(JsonNode properties, String where) {
        checkExpression(properties.path("expression"), where);
        if (!properties.path("activities").isArray() || properties.path("activities").isEmpty()) {
            add(Rule.UNTIL, where, "no activities");
        }
        checkTimeout(properties.path("timeout"), where);
    }

    private void checkExpression(JsonNode expression, String where) {
        if (!"Expression".equals(expression.path("type").asText())
            || !expression.path("value").asText("").startsWith("@")) {
            add(Rule.EXPRESSION, where, "expression " + expression);
        }
    }

    private void checkWait(JsonNode seconds, String where) {
        boolean wholeNumber = seconds.canConvertToInt() && seconds.isIntegralNumber() && seconds.asInt() >= 0;
        if (!wholeNumber && !seconds.asText("").startsWith("@")) {
            add(Rule.WAIT, where, "waitTimeInSeconds " + seconds);
        }
    }

    private void checkSetVariable(JsonNode variableName, String where) {
        if (isBlank(variableName) || variables != null && !variables.contains(variableName.asText())) {
            add(Rule.SET_VARIABLE, where, "variable " + variableName + " is not declared");
        }
    }

    private void checkDeclarations(JsonNode declarations, Set<String> types, Rule rule) {
        declarations.fields().forEachRemaining(declaration -> {
            String type = declaration.getValue().path("type").asText("");
            if (!types.contains(type.toLowerCase(Locale.ROOT))) {
                add(rule, "pipeline", "'" + declaration.getKey() + "' has type '" + type + "'");
            }
        });
    }

    private void add(Rule rule, String where, String detail) {
        violations.add(new Violation(rule, where, detail));
    }

    private static boolean hasHeader(JsonNode headers, String name) {
        Set<String> present = fieldNames(headers);
        return present.stream().anyMatch(header -> header.equalsIgnoreCase(name));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> fields = new HashSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private static boolean isBlank(JsonNode node) {
        return !node.isTextual() || node.asText().isBlank();
    }
}
