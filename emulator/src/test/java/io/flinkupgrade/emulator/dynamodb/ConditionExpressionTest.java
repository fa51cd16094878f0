package io.flinkupgrade.emulator.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition expression subset: comparisons by type, the existence functions, precedence, DynamoDB's refusals. */
class ConditionExpressionTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, String> NAMES = Map.of("#h", "holder", "#e", "expiresAt");

    private static JsonNode s(String value) {
        return JSON.objectNode().put("S", value);
    }

    private static JsonNode n(String value) {
        return JSON.objectNode().put("N", value);
    }

    private static boolean holds(String expression, Map<String, String> names, Map<String, JsonNode> values, Map<String, JsonNode> item) {
        return ConditionExpression.parse(expression, names, values).test(item);
    }

    @Test
    void numbersCompareByValue_andAMissingAttributeOrAnotherTypeComparesFalse() {
        Map<String, JsonNode> item = Map.of("holder", s("a"), "expiresAt", n("9"));
        Map<String, String> expires = Map.of("#e", "expiresAt");

        assertThat(holds("#e < :v", expires, Map.of(":v", n("10")), item)).as("numerically, though \"9\" > \"10\" as text").isTrue();
        assertThat(holds("#e < :v", expires, Map.of(":v", n("8.5")), item)).isFalse();
        assertThat(holds("#e >= :v", expires, Map.of(":v", n("9.0")), item)).isTrue();
        assertThat(holds("#e = :v", expires, Map.of(":v", s("9")), item)).as("N against S").isFalse();
        assertThat(holds("#e = :v", expires, Map.of(":v", n("1")), Map.of())).as("no item").isFalse();
        assertThat(holds("#e <> :v", expires, Map.of(":v", n("1")), Map.of())).isTrue();
        assertThat(holds("holder = :v", Map.of(), Map.of(":v", s("a")), item)).as("a plain attribute name").isTrue();
    }

    @Test
    void andBindsTighterThanOr_notTighterThanAnd_andParenthesesGroup() {
        Map<String, JsonNode> item = Map.of("holder", s("a"));
        Map<String, String> holder = Map.of("#h", "holder");

        assertThat(holds("attribute_exists(#h) OR attribute_not_exists(#h) AND #h = :x", holder, Map.of(":x", s("x")), item)).isTrue();
        assertThat(holds("(attribute_exists(#h) OR attribute_not_exists(#h)) AND #h = :x", holder, Map.of(":x", s("x")), item)).isFalse();
        assertThat(holds("NOT #h = :x AND attribute_exists(#h)", holder, Map.of(":x", s("x")), item)).isTrue();
    }

    @Test
    void theLeaseCondition_freeOrOursOrExpired() {
        String condition = "attribute_not_exists(#h) OR #h = :me OR #e < :now";
        Map<String, JsonNode> values = Map.of(":me", s("a"), ":now", n("200"));

        assertThat(holds(condition, NAMES, values, Map.of())).isTrue();
        assertThat(holds(condition, NAMES, values, Map.of("holder", s("a"), "expiresAt", n("300")))).isTrue();
        assertThat(holds(condition, NAMES, values, Map.of("holder", s("b"), "expiresAt", n("300")))).isFalse();
        assertThat(holds(condition, NAMES, values, Map.of("holder", s("b"), "expiresAt", n("199")))).isTrue();
    }

    @Test
    void undefinedOrUnusedNamesAndValues_andSyntaxErrors_areValidationErrors() {
        assertThatThrownBy(() -> ConditionExpression.parse("#h = :v", Map.of(), Map.of(":v", s("a"))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("#h");
        assertThatThrownBy(() -> ConditionExpression.parse("attribute_exists(#h)", Map.of("#h", "holder"), Map.of(":v", s("a"))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("unused");
        assertThatThrownBy(() -> ConditionExpression.parse("attribute_exists(#h", Map.of("#h", "holder"), Map.of()))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Syntax error");
        assertThatThrownBy(() -> ConditionExpression.parse("#h == :v", NAMES, Map.of(":v", s("a"))))
                .isInstanceOf(DynamoDbException.class);
    }
}
