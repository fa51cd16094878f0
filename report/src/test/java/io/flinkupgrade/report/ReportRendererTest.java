package io.flinkupgrade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.report.UpgradeReport.Bake;
import io.flinkupgrade.report.UpgradeReport.Decision;
import io.flinkupgrade.report.UpgradeReport.Fact;
import io.flinkupgrade.report.UpgradeReport.HealthCheck;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.Point;
import io.flinkupgrade.report.UpgradeReport.StateVisit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
    private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
    private static final Pattern IMAGE = Pattern.compile("<img [^>]*alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]+)\"");

    private static UpgradeReport report(List<MetricPlot> plots) {
        return new UpgradeReport("orders-enricher: FLINK-1_15 -> FLINK-1_20", T0,
                new Decision("ROLLED_BACK", List.of("FAIL: fullRestarts rose by 1 (limit 0 per 600 s)", "a <b> & 'c'"),
                        null, List.of(new Fact("version", "7 -> 9"))),
                List.of(new StateVisit("Preflight", T0, T0.plusSeconds(2)), new StateVisit("Notify", T0.plusSeconds(870), null)),
                List.of(new HealthCheck(Bake.UPGRADE, T0.plusSeconds(180), "UNHEALTHY", List.of("unhealthy: 1 failed checks"),
                        Map.of("restarts.increase", 1.0))),
                plots);
    }

    private static MetricPlot restarts() {
        return new MetricPlot("Restarts in the restart window", "restarts", "unhealthy above 0",
                List.of(new Point(Bake.UPGRADE, T0.plusSeconds(180), 1), new Point(Bake.ROLLBACK, T0.plusSeconds(330), 0),
                        new Point(Bake.ROLLBACK, T0.plusSeconds(390), 0)),
                0.0, null, "before the upgrade the restart counter stood at 3");
    }

    private static MetricPlot lag() {
        return new MetricPlot("Lag: millisBehindLatest", "millisBehindLatest", "must come back under the bound",
                List.of(new Point(Bake.UPGRADE, T0.plusSeconds(180), 1800)), 1500.0, 1000.0, null);
    }

    @Test
    void everyPlot_isAPngChartInlinedAsADataUri_titledInItsAltTextAndCaption() throws Exception {
        String html = ReportRenderer.render(report(List.of(restarts(), lag())));

        Matcher images = IMAGE.matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(2))));
            assertThat(png.getWidth()).isEqualTo(ChartRenderer.WIDTH);
            assertThat(png.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        }
        assertThat(count).isEqualTo(2);
        assertThat(html).contains("alt=\"Restarts in the restart window\"", "<figcaption><strong>Lag: millisBehindLatest</strong>",
                "restart counter stood at 3");
    }

    @Test
    void theDocumentIsSelfContained_noScriptAndNothingFetched() {
        String html = ReportRenderer.render(report(List.of(restarts())));

        assertThat(html).doesNotContain("<script", "<link", "http://", "https://", "@import", "url(");
    }

    @Test
    void textFromTheExecution_isEscaped() {
        String html = ReportRenderer.render(report(List.of()));

        assertThat(html).contains("a &lt;b&gt; &amp; &#39;c&#39;").doesNotContain("<b>");
    }

    @Test
    void theDecisionChecksAndTimeline_areTablesOnTheExecutionsClock() {
        String html = ReportRenderer.render(report(List.of()));

        assertThat(html).contains("<span class=\"outcome ROLLED_BACK\">ROLLED_BACK</span>", "<th>version</th><td>7 -&gt; 9</td>",
                "<td class=\"verdict-UNHEALTHY\">UNHEALTHY</td>", "<td>Preflight</td><td class=\"num\">+00:00:00</td>"
                        + "<td class=\"num\">+00:00:02</td><td class=\"num\">2s</td>",
                "<td>Notify</td><td class=\"num\">+00:14:30</td><td class=\"num\">-</td>",
                "No health check judged any metric");
    }

    @Test
    void aChartThatCannotBeDrawn_leavesItsValuesAsATable_andSaysWhy_whileTheOtherChartsStay() {
        // What a runtime without fonts throws from inside AWT (OpenJDK's message when fontconfig finds none).
        ReportRenderer.ChartDrawer noFonts = (plot, origin) -> {
            if (plot.title().startsWith("Lag")) {
                throw new Error("Probable fatal error: No fonts found.");
            }
            return ChartRenderer.png(plot, origin);
        };

        String html = ReportRenderer.render(report(List.of(restarts(), lag())), noFonts);

        Matcher images = IMAGE.matcher(html);
        assertThat(images.find()).isTrue();
        assertThat(images.group(1)).isEqualTo("Restarts in the restart window");
        assertThat(images.find()).isFalse();
        assertThat(html).contains("The chart could not be drawn here (java.lang.Error: Probable fatal error: No fonts found.)")
                .contains("<td class=\"num\">1800</td>")
                .contains("<td>threshold</td><td class=\"num\">1500</td>")
                .contains("<td>pre-upgrade baseline</td><td class=\"num\">1000</td>")
                .contains("<strong>Lag: millisBehindLatest</strong>: must come back under the bound");
    }

    @Test
    void aVirtualMachineErrorWhileDrawing_isNotSwallowed() {
        ReportRenderer.ChartDrawer outOfMemory = (plot, origin) -> {
            throw new OutOfMemoryError("Java heap space");
        };

        assertThatThrownBy(() -> ReportRenderer.render(report(List.of(lag())), outOfMemory))
                .isInstanceOf(OutOfMemoryError.class);
    }
}
