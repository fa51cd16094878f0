package io.flinkupgrade.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcmaRegexTest {
    private final EcmaRegex regex = new EcmaRegex();

    @Test
    void dollar_matchesOnlyAtTheEndOfTheInput() {
        assertThat(regex.getRegularExpression("^[a-z]+$").matches("orders")).isTrue();
        assertThat(regex.getRegularExpression("^[a-z]+$").matches("orders\n")).isFalse();
        assertThat(regex.getRegularExpression("^[a-z]+$").matches("orders\r\n")).isFalse();
    }

    @Test
    void escapedAndClassDollars_stayLiteral() {
        assertThat(EcmaRegex.toJava("^a\\$[$]b$")).isEqualTo("^a\\$[$]b\\z");
        assertThat(regex.getRegularExpression("^a[$]$").matches("a$")).isTrue();
    }

    @Test
    void everyPatternOfTheSchema_isAnchoredAtBothEnds() throws Exception {
        JsonNode schema = TaskJson.mapper().readTree(RepoFiles.schema().toFile());
        List<String> patterns = new ArrayList<>();
        collect(schema, patterns);

        assertThat(patterns).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("^").endsWith("$"));
    }

    private static void collect(JsonNode node, List<String> patterns) {
        if (node.isObject() && node.path("pattern").isTextual()) {
            patterns.add(node.get("pattern").asText());
        }
        node.forEach(child -> collect(child, patterns));
    }
}
