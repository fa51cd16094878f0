package io.flinkupgrade.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns the execution-input schema (JSON Schema draft 2020-12) into the draft-4 dialect API Gateway
 * models accept, so the API validates requests against the same contract Preflight enforces.
 */
final class ApiGatewaySchema {
    static final String DRAFT_4 = "http://json-schema.org/draft-04/schema#";

    /** Keywords draft 4 understands with the same meaning; copied as they are. */
    private static final Set<String> KEPT = Set.of(
            "type", "required", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "format",
            "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf",
            "title", "description", "default");
    /** Annotations with no draft-4 counterpart and no effect on validation. */
    private static final Set<String> DROPPED = Set.of("$schema", "$id", "$comment", "examples", "deprecated", "readOnly", "writeOnly");
    /**
     * Constraints draft 4 cannot express. Dropping them makes the API a little more permissive than
     * the schema; Preflight still validates against the full schema and rejects with the field named.
     */
    private static final Set<String> WEAKENED = Set.of("propertyNames");

    private ApiGatewaySchema() {
    }

    /** The draft-4 model schema; fails on any keyword it cannot translate faithfully, naming where it is. */
    static ObjectNode fromDraft2020(JsonNode schema) {
        ObjectNode converted = convert(schema, "#");
        ObjectNode withDialect = JsonNodeFactory.instance.objectNode().put("$schema", DRAFT_4);
        withDialect.setAll(converted);
        return withDialect;
    }

    private static ObjectNode convert(JsonNode schema, String pointer) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException(pointer + ": expected a schema object, got " + schema);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = pointer + "/" + keyword;
            switch (keyword) {
                case "properties", "patternProperties" -> out.set(keyword, convertEach(value, at));
                case "items" -> {
                    if (!value.isObject()) {
                        throw new IllegalArgumentException(at + ": only a single items schema is supported");
                    }
                    out.set(keyword, convert(value, at));
                }
                case "additionalProperties" -> out.set(keyword, value.isBoolean() ? value : convert(value, at));
                case "not" -> out.set(keyword, convert(value, at));
                case "allOf", "anyOf", "oneOf" -> {
                    var list = out.putArray(keyword);
                    for (int i = 0; i < value.size(); i++) {
                        list.add(convert(value.get(i), at + "/" + i));
                    }
                }
                // Draft 6 made these numbers; draft 4 spells them as a boolean next to minimum/maximum.
                case "exclusiveMinimum" -> out.<ObjectNode>set("minimum", value).put("exclusiveMinimum", true);
                case "exclusiveMaximum" -> out.<ObjectNode>set("maximum", value).put("exclusiveMaximum", true);
                case "const" -> out.putArray("enum").add(value);
                default -> {
                    if (KEPT.contains(keyword)) {
                        out.set(keyword, value);
                    } else if (!DROPPED.contains(keyword) && !WEAKENED.contains(keyword)) {
                        throw new IllegalArgumentException(at + ": the keyword '" + keyword
                                + "' has no draft-4 translation for API Gateway models");
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode convertEach(JsonNode schemas, String pointer) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> entries = schemas.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            out.set(entry.getKey(), convert(entry.getValue(), pointer + "/" + entry.getKey()));
        }
        return out;
    }
}
