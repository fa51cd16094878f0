package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Load-time checks of a JSONata state machine: every field is known and supported, every transition
 * lands on a state, every expression compiles and no inner scope assigns an outer variable.
 */
final class AslValidator {
    private static final Set<String> TOP_LEVEL = Set.of("QueryLanguage", "Comment", "StartAt", "States", "TimeoutSeconds", "Version");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task", Set.of("Resource", "Arguments", "Output", "Assign", "Retry", "Catch", "TimeoutSeconds", "Next", "End"),
            "Parallel", Set.of("Branches", "Arguments", "Output", "Assign", "Retry", "Catch", "Next", "End"),
            "Map", Set.of("ItemProcessor", "Items", "ItemSelector", "MaxConcurrency", "Output", "Assign", "Retry", "Catch", "Next", "End",
                    "ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "ItemReader", "ResultWriter"),
            "Pass", Set.of("Output", "Assign", "Next", "End"),
            "Wait", Set.of("Seconds", "Timestamp", "Output", "Assign", "Next", "End"),
            "Choice", Set.of("Choices", "Default", "Output", "Assign"),
            "Succeed", Set.of("Output"),
            "Fail", Set.of("Error", "Cause"));
    private static final Set<String> JSONPATH_FIELDS = Set.of(
            "InputPath", "Parameters", "ResultPath", "ResultSelector", "OutputPath", "ItemsPath", "Result",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "Iterator", "MaxConcurrencyPath", "Variable", "And", "Or", "Not");
    private static final Set<String> UNSUPPORTED_FIELDS = Set.of(
            "HeartbeatSeconds", "Credentials", "ItemBatcher");
    /** The Map fields that only a Distributed Map has (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html). */
    private static final Set<String> DISTRIBUTED_ONLY =
            Set.of("ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "ItemReader", "ResultWriter");
    private static final Set<String> ITEM_READER = Set.of("Resource", "Arguments", "ReaderConfig");
    private static final Set<String> RESULT_WRITER = Set.of("Resource", "Arguments");
    private static final Set<String> RETRIER = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER = Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");
    private static final Set<String> CHOICE_RULE = Set.of("Condition", "Next", "Output", "Assign", "Comment");
    private static final Set<String> ITEM_PROCESSOR = Set.of("ProcessorConfig", "StartAt", "States", "Comment");
    private static final Set<String> BRANCH = Set.of("StartAt", "States", "Comment");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

    private final Set<String> allStateNames = new HashSet<>();

    private AslValidator() {}

    static void validate(JsonNode root) {
        new AslValidator().validateRoot(root);
    }

    private void validateRoot(JsonNode root) {
        if (!root.isObject()) {
            throw new AslLoadException("a state machine definition must be a JSON object");
        }
        knownFields(root, TOP_LEVEL, "the top level");
        JsonNode language = root.get("QueryLanguage");
        if (language == null || !"JSONata".equals(language.asText())) {
            throw new AslLoadException("top-level field 'QueryLanguage' must be \"JSONata\" (the engine does not run JSONPath), got "
                    + (language == null ? "nothing (JSONPath is the default)" : language));
        }
        if (root.has("TimeoutSeconds")) {
            positiveInteger(root.get("TimeoutSeconds"), "top-level field 'TimeoutSeconds'");
        }
        validateBlock(root, "the top level", Set.of());
    }

    /** A set of states with StartAt: the machine itself, a Parallel branch or a Map's ItemProcessor. */
    private void validateBlock(JsonNode block, String where, Set<String> outerVariables) {
        JsonNode states = block.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw new AslLoadException(where + ": field 'States' must be a non-empty object");
        }
        JsonNode startAt = block.get("StartAt");
        if (startAt == null || !startAt.isTextual() || !states.has(startAt.textValue())) {
            throw new AslLoadException(where + ": field 'StartAt' must name one of its states, got " + startAt);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        states.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        Set<String> assigned = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> state : byName.entrySet()) {
            String name = state.getKey();
            if (!allStateNames.add(name)) {
                throw new AslLoadException("State '" + name + "': state names must be unique across the state machine");
            }
            if (name.isEmpty() || name.length() > 80) {
                throw new AslLoadException("State '" + name + "': a state name must have 1 to 80 characters");
            }
            assigned.addAll(validateState(name, state.getValue(), byName.keySet()));
        }
        for (String variable : assigned) {
            if (outerVariables.contains(variable)) {
                throw new AslLoadException(where + ": variable '" + variable
                        + "' is assigned here but belongs to an outer scope; inner Map and Parallel states may read outer variables but not assign them");
            }
        }
        Set<String> visible = new HashSet<>(outerVariables);
        visible.addAll(assigned);
        for (Map.Entry<String, JsonNode> state : byName.entrySet()) {
            JsonNode node = state.getValue();
            String type = node.path("Type").asText();
            if (type.equals("Parallel")) {
                JsonNode branches = node.get("Branches");
                for (int i = 0; i < branches.size(); i++) {
                    JsonNode branch = branches.get(i);
                    knownFields(branch, BRANCH, "State '" + state.getKey() + "' field 'Branches/" + i + "'");
                    validateBlock(branch, "State '" + state.getKey() + "' branch " + i, visible);
                }
            } else if (type.equals("Map")) {
                // A Distributed Map's child executions cannot see the parent's variables (workflow-variables,
                // "Variable scope"), so they start a scope of their own.
                boolean distributed = "DISTRIBUTED".equals(node.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText());
                validateBlock(node.get("ItemProcessor"), "State '" + state.getKey() + "' field 'ItemProcessor'",
                        distributed ? Set.of() : visible);
            }
        }
    }

    /** Returns the variable names the state assigns. */
    private Set<String> validateState(String name, JsonNode state, Set<String> siblings) {
        String where = "State '" + name + "'";
        if (!state.isObject()) {
            throw new AslLoadException(where + ": must be a JSON object");
        }
        JsonNode typeNode = state.get("Type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new AslLoadException(where + ": field 'Type' is required");
        }
        String type = typeNode.textValue();
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new AslLoadException(where + ": state type '" + type + "' is not supported (supported: Task, Choice, Wait, Pass, Succeed, Fail, Parallel, Map)");
        }
        for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (COMMON.contains(field) || allowed.contains(field)) {
                continue;
            }
            throw unknownField(where, field, "a " + type + " state");
        }
        if (state.has("QueryLanguage") && !"JSONata".equals(state.get("QueryLanguage").asText())) {
            throw new AslLoadException(where + ": field 'QueryLanguage' must be \"JSONata\", got " + state.get("QueryLanguage"));
        }
        validateTransition(where, type, state, siblings);
        Set<String> assigned = new LinkedHashSet<>(assignNames(where + " field 'Assign'", state.get("Assign")));
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("Branches") && !field.getKey().equals("ItemProcessor")) {
                compileAll(where, field.getKey(), field.getValue());
            }
        }
        switch (type) {
            case "Task" -> {
                JsonNode resource = state.get("Resource");
                if (resource == null || !resource.isTextual() || Expressions.isExpression(resource)) {
                    throw new AslLoadException(where + ": field 'Resource' must be a literal string");
                }
                integerOrExpression(state.get("TimeoutSeconds"), where + " field 'TimeoutSeconds'", 1);
            }
            case "Parallel" -> {
                JsonNode branches = state.get("Branches");
                if (branches == null || !branches.isArray() || branches.isEmpty()) {
                    throw new AslLoadException(where + ": field 'Branches' must be a non-empty array");
                }
            }
            case "Map" -> validateMap(where, state);
            case "Wait" -> {
                if (state.has("Seconds") == state.has("Timestamp")) {
                    throw new AslLoadException(where + ": exactly one of 'Seconds' and 'Timestamp' is required");
                }
                integerOrExpression(state.get("Seconds"), where + " field 'Seconds'", 0);
                JsonNode timestamp = state.get("Timestamp");
                if (timestamp != null && !Expressions.isExpression(timestamp)) {
                    timestamp(timestamp, where + " field 'Timestamp'");
                }
            }
            case "Choice" -> assigned.addAll(validateChoice(where, state, siblings));
            case "Fail" -> {
                for (String field : List.of("Error", "Cause")) {
                    if (state.has(field) && !state.get(field).isTextual()) {
                        throw new AslLoadException(where + ": field '" + field + "' must be a string");
                    }
                }
            }
            default -> { }
        }
        if (state.has("Retry")) {
            validateRetry(where, state.get("Retry"));
        }
        if (state.has("Catch")) {
            assigned.addAll(validateCatch(where, state.get("Catch"), siblings));
        }
        return assigned;
    }

    private static void validateTransition(String where, String type, JsonNode state, Set<String> siblings) {
        boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
        if (terminalType) {
            return;
        }
        JsonNode next = state.get("Next");
        JsonNode end = state.get("End");
        if (next != null && end != null) {
            throw new AslLoadException(where + ": has both 'Next' and 'End'");
        }
        if (end != null) {
            if (!end.isBoolean() || !end.booleanValue()) {
                throw new AslLoadException(where + ": field 'End' must be true");
            }
            return;
        }
        if (next == null) {
            throw new AslLoadException(where + ": needs 'Next' or 'End'");
        }
        target(where + " field 'Next'", next, siblings);
    }

    private static void target(String where, JsonNode next, Set<String> siblings) {
        if (next == null || !next.isTextual() || !siblings.contains(next.textValue())) {
            throw new AslLoadException(where + ": " + next + " is not a state in the same scope");
        }
    }

    private void validateMap(String where, JsonNode state) {
        JsonNode processor = state.get("ItemProcessor");
        if (processor == null || !processor.isObject()) {
            throw new AslLoadException(where + ": field 'ItemProcessor' is required");
        }
        knownFields(processor, ITEM_PROCESSOR, where + " field 'ItemProcessor'");
        JsonNode config = processor.get("ProcessorConfig");
        boolean distributed = false;
        if (config != null) {
            for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("Mode") && !field.equals("ExecutionType")) {
                    throw new AslLoadException(where + ": field 'ItemProcessor/ProcessorConfig/" + field + "' is not supported");
                }
            }
            String mode = config.path("Mode").asText("INLINE");
            if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
                throw new AslLoadException(where + ": field 'ItemProcessor/ProcessorConfig/Mode' must be INLINE or DISTRIBUTED, got " + config.get("Mode"));
            }
            distributed = mode.equals("DISTRIBUTED");
            // Both run the same way locally; EXPRESS children differ in AWS only in billing, limits and history retention.
            if (config.has("ExecutionType") && !Set.of("STANDARD", "EXPRESS").contains(config.get("ExecutionType").asText())) {
                throw new AslLoadException(where + ": field 'ItemProcessor/ProcessorConfig/ExecutionType' must be STANDARD or EXPRESS, got "
                        + config.get("ExecutionType"));
            }
            if (!distributed && config.has("ExecutionType")) {
                throw new AslLoadException(where + ": field 'ItemProcessor/ProcessorConfig/ExecutionType' belongs to a DISTRIBUTED Map");
            }
        }
        for (String field : DISTRIBUTED_ONLY) {
            if (state.has(field) && !distributed) {
                throw new AslLoadException(where + ": field '" + field + "' belongs to a Map whose ItemProcessor/ProcessorConfig/Mode is DISTRIBUTED");
            }
        }
        JsonNode percentage = state.get("ToleratedFailurePercentage");
        if (percentage != null && !Expressions.isExpression(percentage)
                && (!percentage.isNumber() || percentage.doubleValue() < 0 || percentage.doubleValue() > 100)) {
            throw new AslLoadException(where + " field 'ToleratedFailurePercentage': must be a number from 0 to 100 or a JSONata expression, got " + percentage);
        }
        integerOrExpression(state.get("ToleratedFailureCount"), where + " field 'ToleratedFailureCount'", 0);
        validateS3Field(where, state, "ItemReader", ITEM_READER, "arn:aws:states:::s3:getObject");
        validateS3Field(where, state, "ResultWriter", RESULT_WRITER, "arn:aws:states:::s3:putObject");
        if (state.has("ItemReader")) {
            if (state.has("Items")) {
                throw new AslLoadException(where + ": fields 'Items' and 'ItemReader' cannot both be set");
            }
            JsonNode readerConfig = state.get("ItemReader").get("ReaderConfig");
            if (readerConfig == null || !"JSON".equals(readerConfig.path("InputType").asText())) {
                throw new AslLoadException(where + " field 'ItemReader/ReaderConfig/InputType': only JSON (a JSON array in one S3 object)"
                        + " is supported by the local engine, got " + (readerConfig == null ? "nothing" : readerConfig.get("InputType")));
            }
            for (Iterator<String> it = readerConfig.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("InputType") && !field.equals("MaxItems")) {
                    throw new AslLoadException(where + " field 'ItemReader/ReaderConfig/" + field + "' is not supported by the local engine");
                }
            }
            JsonNode maxItems = readerConfig.get("MaxItems");
            if (maxItems != null && (!maxItems.isIntegralNumber() || maxItems.longValue() < 0)) {
                throw new AslLoadException(where + " field 'ItemReader/ReaderConfig/MaxItems': must be a non-negative integer, got " + maxItems);
            }
        }
        JsonNode label = state.get("Label");
        if (label != null && (!label.isTextual() || label.textValue().isEmpty() || label.textValue().length() > 40)) {
            // "Label: up to 40 characters" (state-map-distributed, Distributed Map state fields).
            throw new AslLoadException(where + " field 'Label': must be a string of 1 to 40 characters, got " + label);
        }
        JsonNode items = state.get("Items");
        if (items != null && !items.isArray() && !Expressions.isExpression(items)) {
            throw new AslLoadException(where + ": field 'Items' must be an array or a JSONata expression");
        }
        integerOrExpression(state.get("MaxConcurrency"), where + " field 'MaxConcurrency'", 0);
    }

    /** An ItemReader or ResultWriter: its known fields, the one S3 Resource the engine serves, and Arguments. */
    private static void validateS3Field(String where, JsonNode state, String field, Set<String> allowed, String resource) {
        JsonNode value = state.get(field);
        if (value == null) {
            return;
        }
        String fieldWhere = where + " field '" + field + "'";
        knownFields(value, allowed, fieldWhere);
        if (!resource.equals(value.path("Resource").asText())) {
            throw new AslLoadException(fieldWhere + ": 'Resource' must be " + resource + " (the local engine reads and writes one S3 object), got "
                    + value.get("Resource"));
        }
        if (!value.path("Arguments").isObject()) {
            throw new AslLoadException(fieldWhere + ": 'Arguments' must be a JSON object (Bucket, and Key or Prefix)");
        }
    }

    private static Set<String> validateChoice(String where, JsonNode state, Set<String> siblings) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new AslLoadException(where + ": field 'Choices' must be a non-empty array");
        }
        Set<String> assigned = new LinkedHashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String ruleWhere = where + " field 'Choices/" + i + "'";
            knownFields(rule, CHOICE_RULE, ruleWhere);
            JsonNode condition = rule.get("Condition");
            if (!Expressions.isExpression(condition)) {
                throw new AslLoadException(ruleWhere + ": field 'Condition' must be a JSONata expression {% ... %}");
            }
            target(ruleWhere + " field 'Next'", rule.get("Next"), siblings);
            assigned.addAll(assignNames(ruleWhere + " field 'Assign'", rule.get("Assign")));
        }
        if (state.has("Default")) {
            target(where + " field 'Default'", state.get("Default"), siblings);
        }
        return assigned;
    }

    private static void validateRetry(String where, JsonNode retry) {
        if (!retry.isArray()) {
            throw new AslLoadException(where + ": field 'Retry' must be an array");
        }
        for (int i = 0; i < retry.size(); i++) {
            JsonNode retrier = retry.get(i);
            String retrierWhere = where + " field 'Retry/" + i + "'";
            knownFields(retrier, RETRIER, retrierWhere);
            errorEquals(retrierWhere, retrier.get("ErrorEquals"), i == retry.size() - 1);
            if (retrier.has("IntervalSeconds")) {
                positiveInteger(retrier.get("IntervalSeconds"), retrierWhere + " field 'IntervalSeconds'");
            }
            if (retrier.has("MaxDelaySeconds")) {
                positiveInteger(retrier.get("MaxDelaySeconds"), retrierWhere + " field 'MaxDelaySeconds'");
            }
            JsonNode maxAttempts = retrier.get("MaxAttempts");
            if (maxAttempts != null && (!maxAttempts.canConvertToInt() || !maxAttempts.isIntegralNumber() || maxAttempts.intValue() < 0)) {
                throw new AslLoadException(retrierWhere + " field 'MaxAttempts': must be a non-negative integer, got " + maxAttempts);
            }
            JsonNode backoff = retrier.get("BackoffRate");
            if (backoff != null && (!backoff.isNumber() || backoff.doubleValue() < 1.0)) {
                throw new AslLoadException(retrierWhere + " field 'BackoffRate': must be a number >= 1.0, got " + backoff);
            }
            JsonNode jitter = retrier.get("JitterStrategy");
            if (jitter != null && !jitter.asText().equals("FULL") && !jitter.asText().equals("NONE")) {
                throw new AslLoadException(retrierWhere + " field 'JitterStrategy': must be FULL or NONE, got " + jitter);
            }
        }
    }

    private static Set<String> validateCatch(String where, JsonNode catchers, Set<String> siblings) {
        if (!catchers.isArray()) {
            throw new AslLoadException(where + ": field 'Catch' must be an array");
        }
        Set<String> assigned = new LinkedHashSet<>();
        for (int i = 0; i < catchers.size(); i++) {
            JsonNode catcher = catchers.get(i);
            String catcherWhere = where + " field 'Catch/" + i + "'";
            knownFields(catcher, CATCHER, catcherWhere);
            errorEquals(catcherWhere, catcher.get("ErrorEquals"), i == catchers.size() - 1);
            target(catcherWhere + " field 'Next'", catcher.get("Next"), siblings);
            assigned.addAll(assignNames(catcherWhere + " field 'Assign'", catcher.get("Assign")));
        }
        return assigned;
    }

    private static void errorEquals(String where, JsonNode errorEquals, boolean last) {
        if (errorEquals == null || !errorEquals.isArray() || errorEquals.isEmpty()) {
            throw new AslLoadException(where + ": field 'ErrorEquals' must be a non-empty array of error names");
        }
        for (JsonNode error : errorEquals) {
            if (!error.isTextual()) {
                throw new AslLoadException(where + ": field 'ErrorEquals' must hold strings, got " + error);
            }
            if (error.textValue().equals(StatesError.ALL) && (errorEquals.size() > 1 || !last)) {
                throw new AslLoadException(where + ": States.ALL must appear alone in 'ErrorEquals' and in the last entry");
            }
        }
    }

    private static Set<String> assignNames(String where, JsonNode assign) {
        if (assign == null) {
            return Set.of();
        }
        if (!assign.isObject()) {
            throw new AslLoadException(where + ": must be a JSON object of variable names to values");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = assign.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!VARIABLE_NAME.matcher(name).matches() || name.equals("states")) {
                throw new AslLoadException(where + ": '" + name + "' is not a valid variable name");
            }
            names.add(name);
        }
        return names;
    }

    /** Compiles every expression inside a field so a syntax error fails the load, not the run. */
    private static void compileAll(String where, String path, JsonNode value) {
        if (Expressions.isExpression(value)) {
            try {
                Expressions.compile(value.textValue());
            } catch (RuntimeException e) {
                throw new AslLoadException(where + " field '" + path + "': malformed JSONata expression "
                        + value.textValue() + ": " + e.getMessage(), e);
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> compileAll(where, path + "/" + e.getKey(), e.getValue()));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                compileAll(where, path + "/" + i, value.get(i));
            }
        }
    }

    private static void knownFields(JsonNode node, Set<String> allowed, String where) {
        if (node == null || !node.isObject()) {
            throw new AslLoadException(where + ": must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw unknownField(where, field, "here");
            }
        }
    }

    private static AslLoadException unknownField(String where, String field, String context) {
        if (JSONPATH_FIELDS.contains(field)) {
            return new AslLoadException(where + ": field '" + field
                    + "' belongs to JSONPath; JSONata states use Arguments, Output, Assign, Items and Condition");
        }
        if (UNSUPPORTED_FIELDS.contains(field)) {
            return new AslLoadException(where + ": field '" + field + "' is not supported by the local engine");
        }
        return new AslLoadException(where + ": unknown field '" + field + "' for " + context);
    }

    private static void positiveInteger(JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new AslLoadException(where + ": must be a positive integer, got " + value);
        }
    }

    private static void integerOrExpression(JsonNode value, String where, int minimum) {
        if (value == null || Expressions.isExpression(value)) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < minimum) {
            throw new AslLoadException(where + ": must be an integer >= " + minimum + " or a JSONata expression, got " + value);
        }
    }

    private static void timestamp(JsonNode value, String where) {
        try {
            OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new AslLoadException(where + ": must be an ISO-8601 timestamp or a JSONata expression, got " + value);
        }
    }
}
