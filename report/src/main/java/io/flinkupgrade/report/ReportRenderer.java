package io.flinkupgrade.report;

import io.flinkupgrade.report.UpgradeReport.Fact;
import io.flinkupgrade.report.UpgradeReport.HealthCheck;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.StateVisit;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The report as one self-contained HTML document: inline CSS, charts as PNG data URIs, no script,
 * nothing fetched, so it opens the same from a laptop, an S3 download or an email attachment.
 */
public final class ReportRenderer {
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 62rem;
                   padding: 0 1rem; color: #1d1d1f; line-height: 1.45; }
            h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
            h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
            .subtitle { color: #555; margin-top: 0; }
            .outcome { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 0.3rem; color: #fff; }
            .UPGRADED { background: #2e7d32; } .ROLLED_BACK { background: #b26a00; } .FAILED { background: #c62828; }
            .REJECTED, .DRY_RUN, .UNKNOWN { background: #616161; }
            table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
            th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #eee; vertical-align: top; }
            table.facts { width: auto; } table.facts th { color: #555; font-weight: normal; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .verdict-UNHEALTHY, .verdict-BLIND { color: #c62828; font-weight: bold; }
            .verdict-HEALTHY { color: #2e7d32; font-weight: bold; }
            .manual { background: #fff3e0; border-left: 4px solid #b26a00; padding: 0.5rem 0.8rem; }
            figure { margin: 1.2rem 0; } figure img { max-width: 100%; border: 1px solid #eee; }
            figcaption { font-size: 0.85rem; color: #444; }
            details summary { cursor: pointer; }
            """;

    /** Draws one metric's chart as a PNG; {@link ChartRenderer#png} unless a test passes its own. */
    @FunctionalInterface
    interface ChartDrawer {
        byte[] png(MetricPlot plot, Instant origin);
    }

    private ReportRenderer() {}

    public static String render(UpgradeReport report) {
        return render(report, ChartRenderer::png);
    }

    static String render(UpgradeReport report, ChartDrawer charts) {
        StringBuilder html = new StringBuilder();
        String outcome = report.decision().outcome();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Upgrade report: ").append(escape(outcome)).append(", ").append(escape(report.title()))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1><span class=\"outcome ").append(escape(outcome)).append("\">").append(escape(outcome))
                .append("</span> ").append(escape(report.title())).append("</h1>\n")
                .append("<p class=\"subtitle\">flink-upgrade report: the decision, the bake metrics the health checks judged,"
                        + " every check's verdict and the timeline of states.</p>\n");
        decision(html, report);
        plots(html, report, charts);
        checks(html, report);
        timeline(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void decision(StringBuilder html, UpgradeReport report) {
        html.append("<section id=\"decision\">\n<h2>Decision</h2>\n<table class=\"facts\">\n");
        for (Fact fact : report.decision().facts()) {
            html.append("<tr><th>").append(escape(fact.label())).append("</th><td>").append(escape(fact.value()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h3>Reasons</h3>\n<ul>\n");
        report.decision().reasons().forEach(r -> html.append("<li>").append(escape(r)).append("</li>\n"));
        html.append("</ul>\n");
        if (report.decision().manualStep() != null) {
            html.append("<p class=\"manual\"><strong>Manual step:</strong> ").append(escape(report.decision().manualStep()))
                    .append("</p>\n");
        }
        html.append("</section>\n");
    }

    private static void plots(StringBuilder html, UpgradeReport report, ChartDrawer charts) {
        html.append("<section id=\"metrics\">\n<h2>Bake metrics</h2>\n");
        if (report.plots().isEmpty()) {
            html.append("<p>No health check judged any metric: the run ended before the bake.</p>\n");
        }
        for (MetricPlot plot : report.plots()) {
            html.append("<figure class=\"chart\">\n");
            try {
                String png = Base64.getEncoder().encodeToString(charts.png(plot, report.startedAt()));
                html.append("<img width=\"").append(ChartRenderer.WIDTH).append("\" height=\"")
                        .append(ChartRenderer.HEIGHT).append("\" alt=\"").append(escape(plot.title()))
                        .append("\" src=\"data:image/png;base64,").append(png).append("\">\n");
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // Java draws chart text through the platform's fonts; a runtime without them (a bare Lambda
                // image has no fontconfig) fails inside AWT with an Error or a NullPointerException. The
                // report still carries every judged value, as a table, and says why the chart is missing.
                points(html, plot, report.startedAt(), e);
            }
            html.append("<figcaption><strong>").append(escape(plot.title())).append("</strong>: ")
                    .append(escape(plot.rule())).append(plot.note() == null ? "" : "; " + escape(plot.note()))
                    .append(".</figcaption>\n</figure>\n");
        }
        html.append("</section>\n");
    }

    private static void points(StringBuilder html, MetricPlot plot, Instant origin, Throwable why) {
        html.append("<p class=\"no-chart\">The chart could not be drawn here (").append(escape(String.valueOf(why)))
                .append("); its values follow.</p>\n<table>\n<tr><th>at</th><th>bake</th><th>")
                .append(escape(plot.unit())).append("</th></tr>\n");
        for (UpgradeReport.Point point : plot.points()) {
            html.append("<tr><td class=\"num\">").append(offset(origin, point.at())).append("</td><td>")
                    .append(escape(point.bake().label())).append("</td><td class=\"num\">")
                    .append(Numbers.format(point.value())).append("</td></tr>\n");
        }
        if (plot.threshold() != null) {
            html.append("<tr><td></td><td>threshold</td><td class=\"num\">").append(Numbers.format(plot.threshold()))
                    .append("</td></tr>\n");
        }
        if (plot.baseline() != null) {
            html.append("<tr><td></td><td>pre-upgrade baseline</td><td class=\"num\">")
                    .append(Numbers.format(plot.baseline())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void checks(StringBuilder html, UpgradeReport report) {
        html.append("<section id=\"checks\">\n<h2>Health checks</h2>\n");
        if (report.checks().isEmpty()) {
            html.append("<p>No health check ran.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>at</th><th>bake</th><th>verdict</th><th>reasons</th></tr>\n");
        for (HealthCheck check : report.checks()) {
            html.append("<tr><td class=\"num\">").append(offset(report.startedAt(), check.checkedAt())).append("</td><td>")
                    .append(escape(check.bake().label())).append("</td><td class=\"verdict-").append(escape(check.verdict()))
                    .append("\">").append(escape(check.verdict())).append("</td><td>");
            if (check.reasons().isEmpty()) {
                html.append("</td></tr>\n");
                continue;
            }
            html.append("<details><summary>").append(escape(check.reasons().get(0))).append("</summary>\n<ul>\n");
            check.reasons().stream().skip(1).forEach(r -> html.append("<li>").append(escape(r)).append("</li>\n"));
            html.append("</ul></details></td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void timeline(StringBuilder html, UpgradeReport report) {
        html.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n")
                .append("<table>\n<tr><th>state</th><th>entered</th><th>left</th><th>duration</th></tr>\n");
        for (StateVisit visit : report.timeline()) {
            Duration duration = visit.duration();
            html.append("<tr><td>").append(escape(visit.state())).append("</td><td class=\"num\">")
                    .append(offset(report.startedAt(), visit.entered())).append("</td><td class=\"num\">")
                    .append(visit.left() == null ? "-" : offset(report.startedAt(), visit.left()))
                    .append("</td><td class=\"num\">").append(duration == null ? "-" : Numbers.format(duration))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"subtitle\">Times are offsets from the start, ").append(report.startedAt())
                .append(".</p>\n</section>\n");
    }

    /** {@code +00:14:30}: the same clock as the local run's progress lines. */
    private static String offset(Instant origin, Instant at) {
        long seconds = Duration.between(origin, at).toSeconds();
        return String.format("+%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
