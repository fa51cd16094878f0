package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.flinkupgrade.engine.MermaidDiagram;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code diagram} output as a reader sees it: the npm {@code mermaid} package (pinned in
 * {@code .ci/run}, its {@code dist/mermaid.min.js} named by {@value #MERMAID}) parses and renders both
 * variants in Debian's headless {@code chromium}. Without either the test is skipped, except where
 * {@value #REQUIRED} is set ({@code .ci/run} sets it): there it fails.
 */
class DiagramRendersInBrowserTest {
    static final String MERMAID = "FLINK_UPGRADE_MERMAID";
    static final String REQUIRED = "FLINK_UPGRADE_REQUIRE_MERMAID";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 180;
    private static final Pattern RESULT = Pattern.compile("<pre id=\"result\">([^<]*)</pre>");

    @Test
    void diagram_withAndWithoutCatchAllEdges_parsesAndRendersInMermaid(@TempDir Path dir) throws Exception {
        Path mermaid = mermaidScript();
        StateMachineDefinition definition = LocalUpgrade.definition(Optional.empty());
        List<String> sources = List.of(MermaidDiagram.render(definition, MermaidDiagram.CatchAll.SHOW),
                MermaidDiagram.render(definition, MermaidDiagram.CatchAll.HIDE));

        List<String> results = renderInChromium(mermaid, sources, dir);

        assertThat(results).as("mermaid's verdict per diagram").hasSize(2).allMatch(r -> r.startsWith("RENDERED"), "RENDERED");
        assertThat(edgeLabels(results.get(1))).as("labelled edges without catch-alls").isPositive()
                .isLessThan(edgeLabels(results.get(0)));
    }

    @Test
    void aDiagramWithASyntaxError_isReportedAsAnError(@TempDir Path dir) throws Exception {
        Path mermaid = mermaidScript();

        List<String> results = renderInChromium(mermaid, List.of("flowchart TD\n    a --> \n    b -- \"x\" -->"), dir);

        assertThat(results).singleElement().asString().startsWith("ERROR");
    }

    private static int edgeLabels(String result) {
        return Integer.parseInt(result.substring("RENDERED ".length()).strip());
    }

    /**
     * One page rendering each source in turn; its {@code <pre id="result">} holds one line per source,
     * {@code RENDERED <labelled edges>} or {@code ERROR <mermaid's message>}. {@code --virtual-time-budget}
     * lets mermaid's asynchronous render finish before {@code --dump-dom} prints the page.
     */
    private static List<String> renderInChromium(Path mermaid, List<String> sources, Path dir) throws Exception {
        Path page = dir.resolve("diagram.html");
        Files.writeString(page, """
                <!doctype html><html><head><meta charset="utf-8"><script src="%s"></script></head>
                <body><pre id="result">pending</pre><div id="out"></div><script>
                const sources = %s;
                (async () => {
                  mermaid.initialize({ startOnLoad: false });
                  const results = [];
                  for (let i = 0; i < sources.length; i++) {
                    try {
                      await mermaid.parse(sources[i]);
                      const { svg } = await mermaid.render('diagram' + i, sources[i]);
                      document.getElementById('out').insertAdjacentHTML('beforeend', svg);
                      results.push('RENDERED ' + (svg.match(/class="[^"]*edgeLabel/g) || []).length);
                    } catch (e) {
                      results.push('ERROR ' + String(e && e.message ? e.message : e).replace(/\\s+/g, ' '));
                    }
                  }
                  document.getElementById('result').textContent = results.join('\\n');
                })();
                </script></body></html>
                """.formatted(mermaid.toUri(), TaskJson.mapper().writeValueAsString(sources)));
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        // Off the network (the closed network refuses Google's endpoints) and out of the sandbox CI containers cannot give it.
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--virtual-time-budget=60000", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: " + Files.readString(log));
        }
        Matcher result = RESULT.matcher(Files.readString(dom));
        if (!result.find() || result.group(1).equals("pending")) {
            fail("the page did not finish rendering; chromium exited " + chromium.exitValue() + ", its log: " + Files.readString(log));
        }
        return result.group(1).lines().toList();
    }

    /** mermaid.min.js, or a skip (a failure where required) when it or chromium is missing. */
    private static Path mermaidScript() {
        String configured = System.getenv(MERMAID);
        Path script = configured == null ? null : Path.of(configured);
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " is not installed (apt-get install chromium)"
                : script == null || !Files.isRegularFile(script) ? MERMAID + " does not name mermaid.min.js (see .ci/run)" : null;
        if (missing == null) {
            return script;
        }
        if (System.getenv(REQUIRED) != null) {
            fail(missing + ", and " + REQUIRED + " says the diagram must be rendered");
        }
        Assumptions.abort(missing + ": the diagram is not rendered in a browser");
        return script;
    }
}
