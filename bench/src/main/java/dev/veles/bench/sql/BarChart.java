package dev.veles.bench.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as a standalone SVG: one group per x label, one bar per series in each group,
 * a linear y axis from zero with round ticks, and a legend. Values that are NaN draw no bar.
 */
final class BarChart {
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
  private static final int W = 900;
  private static final int H = 440;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 80;
  private static final int PLOT_W = W - LEFT - RIGHT;
  private static final int PLOT_H = H - TOP - BOTTOM;

  private BarChart() {}

  /**
   * @param values {@code values[series][group]}
   */
  static void write(
      Path file,
      String title,
      String yLabel,
      List<String> groups,
      List<String> series,
      double[][] values)
      throws IOException {
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    double step = niceStep(max / 5);
    double top = Math.max(step, Math.ceil(max / step) * step);
    StringBuilder b = new StringBuilder();
    add(
        b,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
            + " font-family=\"sans-serif\" font-size=\"12\">",
        W,
        H);
    add(b, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", W, H);
    add(
        b,
        "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">%s</text>",
        W / 2,
        escape(title));
    axis(b, yLabel, step, top);
    bars(b, groups, series, values, top);
    legend(b, series);
    b.append("</svg>\n");
    Files.writeString(file, b.toString());
  }

  private static void axis(StringBuilder b, String yLabel, double step, double top) {
    for (double y = 0; y <= top + step / 2; y += step) {
      double py = TOP + PLOT_H - y / top * PLOT_H;
      add(
          b,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT,
          py,
          W - RIGHT,
          py,
          LEFT - 6,
          py + 4,
          label(y));
    }
    add(
        b,
        "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
        TOP + PLOT_H / 2,
        escape(yLabel));
    add(
        b,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>",
        LEFT,
        TOP + PLOT_H,
        W - RIGHT,
        TOP + PLOT_H);
  }

  private static void bars(
      StringBuilder b, List<String> groups, List<String> series, double[][] values, double top) {
    double groupW = PLOT_W / (double) groups.size();
    double barW = groupW * 0.8 / series.size();
    for (int g = 0; g < groups.size(); g++) {
      double gx = LEFT + g * groupW + groupW * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double v = values[s][g];
        if (Double.isNaN(v)) {
          continue;
        }
        double h = v / top * PLOT_H;
        add(
            b,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s, %s: %s</title></rect>",
            gx + s * barW,
            TOP + PLOT_H - h,
            barW - 1,
            h,
            COLOURS[s % COLOURS.length],
            escape(series.get(s)),
            escape(groups.get(g)),
            label(v));
      }
      add(
          b,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
          gx + groupW * 0.4,
          TOP + PLOT_H + 18,
          escape(groups.get(g)));
    }
  }

  private static void legend(StringBuilder b, List<String> series) {
    for (int s = 0; s < series.size(); s++) {
      int lx = LEFT + s * 170;
      int ly = H - 24;
      add(
          b,
          "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"%d\">%s</text>",
          lx,
          ly - 11,
          COLOURS[s % COLOURS.length],
          lx + 20,
          ly,
          escape(series.get(s)));
    }
  }

  private static void add(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String label(double v) {
    return v >= 1000 && v % 1000 == 0
        ? String.format(Locale.ROOT, "%.0fk", v / 1000)
        : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
