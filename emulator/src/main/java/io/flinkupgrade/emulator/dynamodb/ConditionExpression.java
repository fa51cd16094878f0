package io.flinkupgrade.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DynamoDB condition expression, parsed once and judged against an item (or its absence, as an
 * empty map). The subset: {@code a = b}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}
 * over top-level attributes ({@code #name} or a plain name) and {@code :values};
 * {@code attribute_exists(a)}, {@code attribute_not_exists(a)}; AND, OR, NOT, parentheses, with
 * DynamoDB's precedence (NOT, then AND, then OR).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
final class ConditionExpression {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(<>|<=|>=|=|<|>|\\(|\\)|,|#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*)");

    private final List<String> tokens;
    private final Map<String, String> names;
    private final Map<String, JsonNode> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();
    private int position;

    private ConditionExpression(String text, Map<String, String> names, Map<String, JsonNode> values) {
        this.tokens = tokenize(text);
        this.names = names;
        this.values = values;
    }

    /**
     * Parses {@code text}; as DynamoDB does, a name or value the expression does not use, or one it
     * uses but does not define, is a ValidationException.
     */
    static Predicate<Map<String, JsonNode>> parse(String text, Map<String, String> names, Map<String, JsonNode> values) {
        return parse(text, names, values, Set.of());
    }

    /** As {@link #parse(String, Map, Map)}, where {@code usedElsewhere} names and values another expression of the request uses. */
    static Predicate<Map<String, JsonNode>> parse(String text, Map<String, String> names, Map<String, JsonNode> values, Set<String> usedElsewhere) {
        ConditionExpression parser = new ConditionExpression(text, names, values);
        parser.usedNames.addAll(usedElsewhere);
        parser.usedValues.addAll(usedElsewhere);
        Predicate<Map<String, JsonNode>> condition = parser.or();
        if (parser.position != parser.tokens.size()) {
            throw syntax("unexpected token " + parser.tokens.get(parser.position));
        }
        unused("ExpressionAttributeNames", names.keySet(), parser.usedNames);
        unused("ExpressionAttributeValues", values.keySet(), parser.usedValues);
        return condition;
    }

    private static void unused(String field, Set<String> defined, Set<String> used) {
        Set<String> unused = new HashSet<>(defined);
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw DynamoDbException.validation("Value provided in " + field + " unused in expressions: keys: " + unused);
        }
    }

    private Predicate<Map<String, JsonNode>> or() {
        Predicate<Map<String, JsonNode>> left = and();
        while (accept("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, JsonNode>> and() {
        Predicate<Map<String, JsonNode>> left = not();
        while (accept("AND")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<Map<String, JsonNode>> not() {
        if (accept("NOT")) {
            return not().negate();
        }
        return primary();
    }

    private Predicate<Map<String, JsonNode>> primary() {
        if (accept("(")) {
            Predicate<Map<String, JsonNode>> inner = or();
            expect(")");
            return inner;
        }
        String token = next();
        if (token.equals("attribute_exists") || token.equals("attribute_not_exists")) {
            expect("(");
            String attribute = attribute(next());
            expect(")");
            Predicate<Map<String, JsonNode>> exists = item -> item.containsKey(attribute);
            return token.equals("attribute_exists") ? exists : exists.negate();
        }
        Operand left = operand(token);
        String comparator = next();
        Operand right = operand(next());
        return switch (comparator) {
            case "=" -> item -> { Integer c = compare(left.of(item), right.of(item)); return c != null && c == 0; };
            case "<>" -> item -> { Integer c = compare(left.of(item), right.of(item)); return c == null || c != 0; };
            case "<" -> item -> lessThan(compare(left.of(item), right.of(item)), false);
            case "<=" -> item -> lessThan(compare(left.of(item), right.of(item)), true);
            case ">" -> item -> lessThan(compare(right.of(item), left.of(item)), false);
            case ">=" -> item -> lessThan(compare(right.of(item), left.of(item)), true);
            default -> throw syntax("expected a comparator, got " + comparator);
        };
    }

    private static boolean lessThan(Integer comparison, boolean orEqual) {
        return comparison != null && (comparison < 0 || (orEqual && comparison == 0));
    }

    /** An attribute of the item or a value from ExpressionAttributeValues. */
    private interface Operand {
        JsonNode of(Map<String, JsonNode> item);
    }

    private Operand operand(String token) {
        if (token.startsWith(":")) {
            JsonNode value = values.get(token);
            if (value == null) {
                throw DynamoDbException.validation(
                        "Value provided in ExpressionAttributeValues unused in expressions: An expression attribute value used in expression is not defined; attribute value: " + token);
            }
            usedValues.add(token);
            return item -> value;
        }
        String attribute = attribute(token);
        return item -> item.get(attribute);
    }

    private String attribute(String token) {
        if (token.startsWith("#")) {
            String name = names.get(token);
            if (name == null) {
                throw DynamoDbException.validation(
                        "An expression attribute name used in the document path is not defined; attribute name: " + token);
            }
            usedNames.add(token);
            return name;
        }
        if (!token.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw syntax("expected an attribute, got " + token);
        }
        return token;
    }

    /**
     * Compares two attribute values of the same type (N numerically, S by code points); null when
     * either is missing or their types differ, which makes every comparison but {@code <>} false.
     */
    private static Integer compare(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return null;
        }
        if (left.has("N") && right.has("N")) {
            return new BigDecimal(left.get("N").asText()).compareTo(new BigDecimal(right.get("N").asText()));
        }
        if (left.has("S") && right.has("S")) {
            return Integer.signum(left.get("S").asText().compareTo(right.get("S").asText()));
        }
        return left.equals(right) ? Integer.valueOf(0) : null;
    }

    private boolean accept(String keyword) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw syntax("expected " + token + (position < tokens.size() ? ", got " + tokens.get(position) : " at the end"));
        }
    }

    private String next() {
        if (position >= tokens.size()) {
            throw syntax("the expression ends too early");
        }
        return tokens.get(position++);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                if (text.substring(at).isBlank()) {
                    break;
                }
                throw syntax("unexpected character at position " + at);
            }
            tokens.add(matcher.group(1));
            at = matcher.end();
        }
        return tokens;
    }

    private static DynamoDbException syntax(String detail) {
        return DynamoDbException.validation("Invalid ConditionExpression: Syntax error; " + detail);
    }
}
