package io.github.adfkit.aci.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.implementation.Json;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A caller's JSON object for fields adfkit does not model, checked against the keys adfkit must control and merged
 * into the PUT body with JSON merge-patch rules (RFC 7386).
 */
final class PropertiesOverride {
    private static final Map<String, String> GROUP_KEYS_ADFKIT_CONTROLS = Map.of(
        "containers", "set the job container's properties with containerPropertiesOverride instead",
        "restartPolicy", "use setRestartPolicy: adfkit decides from it when the job has ended");
    private static final Map<String, String> CONTAINER_KEYS_ADFKIT_CONTROLS = Map.of(
        "image", "pass the image to the ContainerJobSpec constructor",
        "environmentVariables", "use setEnvironmentVariables, setSecureEnvironmentVariables or setParameters: the "
            + "environment carries the parameters and the secure values");

    private PropertiesOverride() {
    }

    /**
     * @param override the caller's group properties override
     * @return it as JSON
     * @throws IllegalArgumentException if it is not a JSON object or sets a key adfkit controls
     */
    static ObjectNode ofGroupProperties(Map<String, Object> override) {
        return checked(override, "groupPropertiesOverride", GROUP_KEYS_ADFKIT_CONTROLS);
    }

    /**
     * @param override the caller's container properties override
     * @return it as JSON
     * @throws IllegalArgumentException if it is not a JSON object or sets a key adfkit controls
     */
    static ObjectNode ofContainerProperties(Map<String, Object> override) {
        return checked(override, "containerPropertiesOverride", CONTAINER_KEYS_ADFKIT_CONTROLS);
    }

    /**
     * Applies a JSON merge patch (RFC 7386) in place: objects merge key by key, a {@code null} removes the key,
     * anything else replaces it.
     *
     * @param target the object to change
     * @param patch the patch
     */
    static void mergeInto(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            JsonNode existing = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
                mergeInto(existingObject, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value.isObject() ? withoutNulls((ObjectNode) value) : value.deepCopy());
            }
        }
    }

    private static ObjectNode withoutNulls(ObjectNode patch) {
        ObjectNode added = Json.mapper().createObjectNode();
        mergeInto(added, patch);
        return added;
    }

    /**
     * Like Jackson's {@code valueToTree}, but a {@code null} in a map stays a JSON {@code null} (a merge patch's
     * "remove this key"), where adfkit's mapper would leave the entry out.
     */
    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.mapper().createObjectNode();
            map.forEach((key, entry) -> {
                if (key == null) {
                    throw new IllegalArgumentException("a map has a null key");
                }
                object.set(key.toString(), toJson(entry));
            });
            return object;
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = Json.mapper().createArrayNode();
            collection.forEach(element -> array.add(toJson(element)));
            return array;
        }
        return Json.mapper().valueToTree(value);
    }

    private static ObjectNode checked(Map<String, Object> override, String name, Map<String, String> controlled) {
        ObjectNode object;
        try {
            object = (ObjectNode) toJson(override);
        } catch (IllegalArgumentException notSerializable) {
            throw new IllegalArgumentException("'" + name + "' could not be serialized to JSON: "
                + notSerializable.getMessage(), notSerializable);
        }
        object.fieldNames().forEachRemaining(field -> controlled.forEach((key, instead) -> {
            if (key.equalsIgnoreCase(field)) {
                throw new IllegalArgumentException("'" + name + "' must not set '" + field + "', which adfkit "
                    + "controls: " + instead + ".");
            }
        }));
        return object;
    }
}
