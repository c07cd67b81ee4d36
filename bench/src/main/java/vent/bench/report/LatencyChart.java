package vent.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * chart.png: p99 latency against throughput, one line per scenario (its paced runs and saturation).
 */
final class LatencyChart {

  private LatencyChart() {}

  static void write(Figures f, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(1100)
            .height(650)
            .title(
                "Vent: p99 latency vs throughput (wrk, "
                    + f.meta().path("connections").asInt()
                    + " connections)")
            .xAxisTitle("throughput, requests/s")
            .yAxisTitle("p99 latency, ms")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (Figures.Scenario s : f.scenarios()) {
      List<Figures.Point> pts =
          s.points().stream()
              .sorted(Comparator.comparingDouble(Figures.Point::throughput))
              .toList();
      if (pts.isEmpty()) {
        continue;
      }
      double[] x = pts.stream().mapToDouble(Figures.Point::throughput).toArray();
      double[] y = pts.stream().mapToDouble(Figures.Point::p99Ms).toArray();
      XYSeries series = chart.addSeries(s.name(), x, y);
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
