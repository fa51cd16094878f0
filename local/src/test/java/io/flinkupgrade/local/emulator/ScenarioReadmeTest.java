package io.flinkupgrade.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scenarios README's template is copied by people: every ```json block in it must load as a scenario. */
class ScenarioReadmeTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJsonBlockInTheScenariosReadme_loadsAsAScenario() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("flinkupgrade.root"), "local/src/main/resources/scenarios/README.md"));
        List<String> blocks = JSON_BLOCK.matcher(readme).results().map(m -> m.group(1)).toList();

        assertThat(blocks).as("```json blocks (a template to copy)").isNotEmpty();
        for (String block : blocks) {
            Scenario scenario = Scenario.parse("readme-template", block);
            assertThat(scenario.applicationNames()).containsExactly("orders-enricher");
        }
    }
}
