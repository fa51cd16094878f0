package io.flinkupgrade.report;

import io.flinkupgrade.report.UpgradeReport.Bake;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One metric's chart, drawn by XChart as a PNG (its SVG backend writes every glyph as a path, ten
 * times the bytes): a series per bake (each point one check's judged
 * value), the threshold as a dashed red line and the pre-upgrade baseline as a dashed grey line,
 * over minutes since the execution started.
 */
final class ChartRenderer {
    static final int WIDTH = 760;
    static final int HEIGHT = 300;
    private static final Color UPGRADE = new Color(0x1f, 0x77, 0xb4);
    private static final Color ROLLBACK = new Color(0x9a, 0x4d, 0xb8);
    private static final Color THRESHOLD = new Color(0xd6, 0x27, 0x28);
    private static final Color BASELINE = new Color(0x7f, 0x7f, 0x7f);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private ChartRenderer() {}

    /** The chart as a PNG image. */
    static byte[] png(MetricPlot plot, Instant origin) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                .xAxisTitle("minutes since the upgrade started").yAxisTitle(plot.unit()).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setDecimalPattern("#,##0.##");
        // Every chart on the same origin, the execution's start, so the bakes line up down the page.
        chart.getStyler().setXAxisMin(0.0);
        double last = plot.points().stream().mapToDouble(p -> minutes(origin, p.at())).max().orElse(0);
        double end = Math.max(last, 1);
        for (Bake bake : Bake.values()) {
            List<Point> points = plot.points().stream().filter(p -> p.bake() == bake).toList();
            if (!points.isEmpty()) {
                XYSeries series = chart.addSeries(bake.label(),
                        points.stream().map(p -> minutes(origin, p.at())).toList(),
                        points.stream().map(Point::value).toList());
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setLineColor(bake == Bake.UPGRADE ? UPGRADE : ROLLBACK);
                series.setMarkerColor(bake == Bake.UPGRADE ? UPGRADE : ROLLBACK);
            }
        }
        if (plot.threshold() != null) {
            line(chart, "threshold " + Numbers.format(plot.threshold()), plot.threshold(), end, THRESHOLD);
        }
        if (plot.baseline() != null) {
            line(chart, "pre-upgrade baseline " + Numbers.format(plot.baseline()), plot.baseline(), end, BASELINE);
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(XYChart chart, String name, double value, double end, Color color) {
        XYSeries series = chart.addSeries(name, new double[] {0, end}, new double[] {value, value});
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(DASHED);
    }

    private static double minutes(Instant origin, Instant at) {
        return Duration.between(origin, at).toMillis() / 60_000.0;
    }
}
