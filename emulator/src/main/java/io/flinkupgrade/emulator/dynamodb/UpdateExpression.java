package io.flinkupgrade.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DynamoDB update expression, the subset the workflow writes: one {@code SET} clause of
 * {@code attribute = :value} assignments to top-level attributes ({@code #name} or a plain name),
 * separated by commas. Anything else (REMOVE, ADD, DELETE, functions, arithmetic, nested paths) is a
 * ValidationException rather than a silent approximation.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 *
 * @param assignments the attribute names (resolved) and the values set on them, in the order written
 * @param used        the {@code #names} and {@code :values} the expression refers to, so that the
 *                    condition beside it does not count them as unused
 */
record UpdateExpression(Map<String, JsonNode> assignments, Set<String> used) {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "\\s*(#[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(:[A-Za-z0-9_]+)\\s*");

    static UpdateExpression parse(String text, Map<String, String> names, Map<String, JsonNode> values) {
        if (text == null || !text.stripLeading().regionMatches(true, 0, "SET ", 0, 4)) {
            throw syntax("only a SET clause is supported, got " + text);
        }
        Map<String, JsonNode> assignments = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        for (String part : text.stripLeading().substring(4).split(",", -1)) {
            Matcher matcher = ASSIGNMENT.matcher(part);
            if (!matcher.matches()) {
                throw syntax("expected attribute = :value, got " + part.strip());
            }
            String path = matcher.group(1);
            String attribute = path;
            if (path.startsWith("#")) {
                attribute = names.get(path);
                if (attribute == null) {
                    throw DynamoDbException.validation(
                            "An expression attribute name used in the document path is not defined; attribute name: " + path);
                }
            }
            JsonNode value = values.get(matcher.group(2));
            if (value == null) {
                throw DynamoDbException.validation(
                        "An expression attribute value used in expression is not defined; attribute value: " + matcher.group(2));
            }
            if (assignments.put(attribute, value) != null) {
                throw DynamoDbException.validation("Invalid UpdateExpression: Two document paths overlap with each other; "
                        + "must remove or rewrite one of these paths; path one: [" + attribute + "], path two: [" + attribute + "]");
            }
            used.add(path);
            used.add(matcher.group(2));
        }
        return new UpdateExpression(assignments, used);
    }

    private static DynamoDbException syntax(String detail) {
        return DynamoDbException.validation("Invalid UpdateExpression: Syntax error; " + detail);
    }
}
