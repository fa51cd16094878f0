package io.flinkupgrade.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A loaded, validated JSONata state machine, ready for {@link LocalEngine#execute}. */
public final class StateMachineDefinition {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final JsonNode json;

    private StateMachineDefinition(JsonNode json) {
        this.json = json;
    }

    /**
     * Applies ${Name} definition substitutions textually (as CloudFormation does), then parses and
     * validates the definition.
     *
     * @throws AslLoadException naming the state and field of the first problem found
     */
    public static StateMachineDefinition parse(String aslJson, Map<String, String> substitutions) {
        Objects.requireNonNull(aslJson, "aslJson");
        String substituted = substitute(aslJson, substitutions);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(substituted);
        } catch (JsonProcessingException e) {
            throw new AslLoadException("the definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
        AslValidator.validate(tree);
        return new StateMachineDefinition(tree);
    }

    private static String substitute(String text, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            if (value == null) {
                throw new AslLoadException("unresolved placeholder " + matcher.group()
                        + ": no definition substitution named '" + matcher.group(1) + "'");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    public String startAt() {
        return json.get("StartAt").textValue();
    }

    /** The top-level state names, in definition order. */
    public Set<String> stateNames() {
        Set<String> names = new LinkedHashSet<>();
        json.get("States").fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** The parsed definition after substitution; callers get a copy, the definition stays immutable. */
    public JsonNode json() {
        return json.deepCopy();
    }

    JsonNode tree() {
        return json;
    }
}
