package io.flinkupgrade.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MermaidDiagramTest {

    @Test
    void render_drawsNextDefaultChoiceAndCatchEdges_withSimpleErrorNames() {
        String diagram = MermaidDiagram.render(EngineFixtures.definition("diagram.asl.json"));

        assertThat(diagram).startsWith("flowchart TD\n");
        assertThat(diagram).contains(
                "s0[\"Preflight\"]",
                "s1{\"IsDryRun\"}",
                "s0 --> s1",
                "s0 -- \"UpgradeRejectedException\" --> s4",
                "s0 -- \"States.ALL\" --> s5",
                "s1 -- \"dry run\" --> s3",
                "s1 -- \"Default\" --> s2",
                "s5([\"Failed\"])");
        assertThat(diagram).doesNotContain("io.flinkupgrade.errors");
    }

    @Test
    void render_withoutCatchAll_leavesOutOnlyTheStatesAllEdges() {
        String diagram = MermaidDiagram.render(EngineFixtures.definition("diagram.asl.json"), MermaidDiagram.CatchAll.HIDE);

        assertThat(diagram).contains("s0 -- \"UpgradeRejectedException\" --> s4", "s1 -- \"dry run\" --> s3")
                .doesNotContain("States.ALL");
    }

    @Test
    void render_drawsMapAndParallelAsSubgraphs() {
        String diagram = MermaidDiagram.render(EngineFixtures.definition("map-parallel.asl.json"));

        assertThat(diagram).contains("subgraph s0 [\"Fan (Map)\"]", "subgraph s1 [\"Both (Parallel)\"]", "s0 --> s1", "s4 -- \"Default\" --> s5");
    }
}
