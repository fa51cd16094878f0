package io.flinkupgrade.engine;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The bridge to com.dashjoin.jsonata: tells expressions from literals, evaluates templates, converts
 * between Jackson and the library's Maps and Lists, and adds the functions Step Functions provides.
 */
final class Expressions {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    // Doubles beyond this lose integer precision; JSONata numbers are doubles, so only smaller ones are
    // written back as integers (4/2 is 2, as AWS prints it, not 2.0).
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;

    // A compiled expression keeps state while it evaluates (its input, $now()'s timestamp), so two
    // evaluations must never use one at the same time. Evaluations on one thread never overlap (the Step
    // Functions functions bound to each evaluation never evaluate JSONata), so each thread compiles an
    // expression once for every execution it runs: each execution compiling its own copies was 6% of a
    // 500-application fleet's time.
    private static final ThreadLocal<Map<String, Jsonata>> COMPILED = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, JFunction> functions;

    Expressions(RandomGenerator random) {
        this.functions = stepFunctionsFunctions(random);
    }

    /** Only a string that starts with {% and ends with %} is an expression; everything else is a literal. */
    static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.textValue());
    }

    static boolean isExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    static String body(String expression) {
        return expression.substring(2, expression.length() - 2).trim();
    }

    /** Parses an expression's body; the library reports syntax errors as unchecked exceptions. */
    static Jsonata compile(String expression) {
        Jsonata jsonata = Jsonata.jsonata(body(expression));
        // Keeps JSON null distinct from undefined in results: undefined comes back as a Java null.
        jsonata.setOutputConvertNulls(false);
        return jsonata;
    }

    /** Evaluates a template: expression strings anywhere inside objects and arrays are replaced by their values. */
    JsonNode template(JsonNode template, Map<String, Object> bindings, String field) {
        if (isExpression(template)) {
            return evaluate(template.textValue(), bindings, field);
        }
        if (template.isObject()) {
            ObjectNode result = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                result.set(entry.getKey(), template(entry.getValue(), bindings, field + "/" + entry.getKey()));
            }
            return result;
        }
        if (template.isArray()) {
            ArrayNode result = JSON.arrayNode();
            for (int i = 0; i < template.size(); i++) {
                result.add(template(template.get(i), bindings, field + "/" + i));
            }
            return result;
        }
        return template;
    }

    /**
     * Evaluates one expression; undefined, an unrepresentable result and any evaluation failure are
     * States.QueryEvaluationError, worded as AWS words them (AWS-validated snapshots in
     * localstack/localstack, tests/aws/services/stepfunctions/v2/: intrinsic_functions/
     * test_math_operations_jsonata, scenarios/test_base_scenarios, states_variables/test_error_output,
     * assign/test_assign_reference_variables).
     */
    JsonNode evaluate(String expression, Map<String, Object> bindings, String field) {
        Jsonata jsonata = COMPILED.get().computeIfAbsent(expression, Expressions::compile);
        Object result;
        try {
            Jsonata.Frame frame = jsonata.createFrame();
            functions.forEach(frame::bind);
            bindings.forEach(frame::bind);
            result = jsonata.evaluate(null, frame);
        } catch (StatesError e) {
            throw e;
        } catch (JException e) {
            throw StatesError.evaluation(field, cause(expression, field, "threw an error during evaluation. " + e.getError() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            // INFERRED: a failure that is not a JException (the argument checks of the Step Functions
            // functions, or a plain Java exception inside the library) has no JSONata error code to give.
            throw StatesError.evaluation(field, cause(expression, field, "threw an error during evaluation. " + e.getMessage()));
        }
        if (result == null) {
            throw StatesError.evaluation(field, cause(expression, field, "returned nothing (undefined)."));
        }
        try {
            return toJson(result);
        } catch (IllegalArgumentException e) {
            // AWS's words for a function value; INFERRED for NaN and the infinities, which JSON cannot hold either.
            throw StatesError.evaluation(field, cause(expression, field, "returned an unsupported result type."));
        }
    }

    /**
     * A field's value of the wrong JSON type, as AWS reports a Map's Items that is not an array:
     * "... returned an unexpected result type. Expected 'array', but was 'number' for value: 1".
     */
    static StatesError unexpectedType(String expression, String field, String expected, JsonNode value) {
        return StatesError.evaluation(field, cause(expression, field, "returned an unexpected result type. Expected '"
                + expected + "', but was '" + jsonType(value) + "' for value: " + value));
    }

    /** Any other problem with an expression's value, in the same frame: "The JSONata expression '...' specified for the field '...' PROBLEM". */
    static StatesError failed(JsonNode expression, String field, String problem) {
        return StatesError.evaluation(field, cause(expression.textValue(), field, problem));
    }

    private static String cause(String expression, String field, String problem) {
        return "The JSONata expression '" + body(expression) + "' specified for the field '" + field + "' " + problem;
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case OBJECT -> "object";
            case STRING -> "string";
            default -> "null";
        };
    }

    /** Converts Jackson JSON to the values the library works on; JSON null becomes its null marker. */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toJava(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    /** Converts a library value back to JSON; undefined inside arrays and objects is dropped, as in JSONata. */
    static JsonNode toJson(Object value) {
        if (value == Jsonata.NULL_VALUE || value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((k, v) -> {
                if (v != null) {
                    object.set(String.valueOf(k), toJson(v));
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(v -> {
                if (v != null) {
                    array.add(toJson(v));
                }
            });
            return array;
        }
        if (value instanceof String s) {
            return JSON.textNode(s);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return integral(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return JSON.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return JSON.numberNode(decimal);
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("a number JSON cannot represent: " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
                return integral((long) d);
            }
            return JSON.numberNode(d);
        }
        throw new IllegalArgumentException("a value JSON cannot represent (" + value.getClass().getSimpleName() + ")");
    }

    /** The node Jackson itself would read for this number, so results compare equal to parsed JSON. */
    private static JsonNode integral(long value) {
        return value == (int) value ? JSON.numberNode((int) value) : JSON.numberNode(value);
    }

    /**
     * The functions Step Functions adds to JSONata ("JSONata functions provided by Step Functions" at
     * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
     */
    private static Map<String, JFunction> stepFunctionsFunctions(RandomGenerator random) {
        Map<String, JFunction> functions = new LinkedHashMap<>();
        functions.put("partition", new JFunction((input, args) -> partition(args), null));
        functions.put("range", new JFunction((input, args) -> range(args), null));
        functions.put("hash", new JFunction((input, args) -> hash(args), null));
        functions.put("random", new JFunction((input, args) -> random(args, random), null));
        functions.put("uuid", new JFunction((input, args) -> uuid(args, random), null));
        functions.put("parse", new JFunction((input, args) -> parse(args), null));
        return Map.copyOf(functions);
    }

    private static List<Object> partition(List<?> args) {
        arity("$partition", args, 2);
        if (!(args.get(0) instanceof List<?> array)) {
            throw new IllegalArgumentException("$partition: the first argument must be an array");
        }
        int size = positiveInt("$partition", args.get(1), "the partition size");
        List<Object> partitions = new ArrayList<>();
        for (int from = 0; from < array.size(); from += size) {
            partitions.add(new ArrayList<>(array.subList(from, Math.min(from + size, array.size()))));
        }
        return partitions;
    }

    /**
     * A JSONata sequence, not an array: like any JSONata sequence, one value collapses to the value
     * itself, so $range(1, 9, 9) is 1 where $partition([0], 1) stays [[0]] (AWS-validated snapshot in
     * localstack/localstack, tests/aws/services/stepfunctions/v2/intrinsic_functions/test_array_jsonata).
     * INFERRED: an empty range is the empty sequence, so undefined.
     */
    private static List<Object> range(List<?> args) {
        arity("$range", args, 3);
        long start = integer("$range", args.get(0), "start");
        long end = integer("$range", args.get(1), "end");
        long step = integer("$range", args.get(2), "step");
        if (step == 0) {
            throw new IllegalArgumentException("$range: step must not be 0");
        }
        Utils.JList<Object> values = new Utils.JList<>();
        values.sequence = true;
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            values.add(v);
        }
        return values;
    }

    private static String hash(List<?> args) {
        arity("$hash", args, 2);
        if (!(args.get(0) instanceof String data)) {
            throw new IllegalArgumentException("$hash: the data to hash must be a string");
        }
        if (!(args.get(1) instanceof String algorithm) || !HASH_ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }

    private static double random(List<?> args, RandomGenerator random) {
        if (args.isEmpty()) {
            return random.nextDouble();
        }
        arity("$random", args, 1);
        // A seed gives the same number every time, which is the point of passing one.
        return new Random(integer("$random", args.get(0), "seed")).nextDouble();
    }

    private static String uuid(List<?> args, RandomGenerator random) {
        arity("$uuid", args, 0);
        // Version 4 layout from the injected generator, so a seeded run is reproducible.
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static Object parse(List<?> args) {
        arity("$parse", args, 1);
        if (!(args.get(0) instanceof String text)) {
            throw new IllegalArgumentException("$parse: the argument must be a string");
        }
        try {
            return toJava(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("$parse: not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void arity(String function, List<?> args, int expected) {
        if (args.size() != expected) {
            throw new IllegalArgumentException(function + " takes " + expected + " argument(s), got " + args.size());
        }
    }

    private static long integer(String function, Object value, String what) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(function + ": " + what + " must be an integer");
    }

    private static int positiveInt(String function, Object value, String what) {
        long n = integer(function, value, what);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(function + ": " + what + " must be a positive integer");
        }
        return (int) n;
    }
}
