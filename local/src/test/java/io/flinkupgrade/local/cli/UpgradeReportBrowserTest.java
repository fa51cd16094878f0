package io.flinkupgrade.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The upgrade report as a person sees it: written by {@code run --report}, opened in headless
 * Chromium, with no console error, every chart an image that loaded with its title, and the charts'
 * own colours on the screen.
 */
class UpgradeReportBrowserTest {
    private static final Path INPUT = Path.of(System.getProperty("flinkupgrade.root"), "events", "console-input.json");
    private static final Pattern LOADED_IMAGE = Pattern.compile("<img [^>]*alt=\"([^\"]+)\" src=\"data:image/png;base64,");
    private static final List<String> BAKE_CHARTS = List.of("Restarts in the restart window", "Uptime", "Downtime",
            "Failed checkpoints since the bake started", "Last checkpoint duration");
    /** ChartRenderer's threshold red and upgrade-bake blue: on screen only if the chart images were painted. */
    private static final int THRESHOLD_RED = 0xd62728;
    private static final int UPGRADE_BLUE = 0x1f77b4;
    private static final int ROLLBACK_PURPLE = 0x9a4db8;

    @TempDir
    Path dir;

    @BeforeEach
    void chromium() {
        HeadlessChromium.assumeInstalled();
    }

    private Path report(String scenario, int expectedExitCode) {
        Path report = dir.resolve(scenario + ".html");
        StringWriter out = new StringWriter();
        CommandLine cli = FlinkUpgradeCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("run", INPUT.toString(), "--scenario", scenario, "--report", report.toString()))
                .isEqualTo(expectedExitCode);
        return report;
    }

    private static List<String> chartTitles(String dom) {
        Matcher images = LOADED_IMAGE.matcher(dom);
        return images.results().map(m -> m.group(1)).toList();
    }

    private static long pixels(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aRollback_showsTheRestartsCrossingTheThreshold_inBothBakes_withoutConsoleErrors() throws Exception {
        Path report = report("incompatible-state", ExitCodes.ROLLED_BACK);

        HeadlessChromium.Page page = HeadlessChromium.load(report, Files.createDirectories(dir.resolve("rolled-back")), 1100, 3000);

        assertThat(page.consoleMessages()).isEmpty();
        assertThat(chartTitles(page.dom())).containsExactlyElementsOf(BAKE_CHARTS);
        assertThat(page.dom()).contains("ROLLED_BACK", "FLINK-1_15 -&gt; FLINK-1_20", "7 -&gt; 9",
                "upgrade-orders-enricher-FLINK-1_20", "FAIL: fullRestarts rose by 1", "UNHEALTHY", "CheckRollbackHealth");
        BufferedImage screenshot = ImageIO.read(page.screenshot().toFile());
        assertThat(screenshot.getWidth()).isEqualTo(1100);
        assertThat(pixels(screenshot, THRESHOLD_RED)).as("threshold lines drawn").isGreaterThan(500);
        assertThat(pixels(screenshot, UPGRADE_BLUE)).as("upgrade bake drawn").isGreaterThan(20);
        assertThat(pixels(screenshot, ROLLBACK_PURPLE)).as("rollback bake drawn").isGreaterThan(500);
    }

    @Test
    void aHealthyUpgrade_showsOneBakeWithinItsThresholds_withoutConsoleErrors() throws Exception {
        Path report = report("healthy-upgrade", 0);

        HeadlessChromium.Page page = HeadlessChromium.load(report, Files.createDirectories(dir.resolve("upgraded")), 1100, 3000);

        assertThat(page.consoleMessages()).isEmpty();
        assertThat(chartTitles(page.dom())).containsExactlyElementsOf(BAKE_CHARTS);
        assertThat(page.dom()).contains("UPGRADED", "8", "HEALTHY").doesNotContain("CheckRollbackHealth");
        BufferedImage screenshot = ImageIO.read(page.screenshot().toFile());
        assertThat(pixels(screenshot, UPGRADE_BLUE)).as("upgrade bake drawn").isGreaterThan(500);
        assertThat(pixels(screenshot, ROLLBACK_PURPLE)).as("no rollback bake").isZero();
    }

    @Test
    void aConsoleError_isSeen_soAReportWithoutOneIsClean() throws Exception {
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><script>console.error('broken chart');</script></body></html>");

        HeadlessChromium.Page loaded = HeadlessChromium.load(page, Files.createDirectories(dir.resolve("broken")), 400, 300);

        assertThat(loaded.consoleMessages()).singleElement().asString().contains("broken chart");
    }
}
