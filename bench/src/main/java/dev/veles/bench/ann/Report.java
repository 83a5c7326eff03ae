package dev.veles.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a data set's curves as CSV, a Markdown table and an SVG plot (recall vs log QPS). */
final class Report {
  private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"};

  private Report() {}

  static String csv(List<Curve> curves) {
    StringBuilder b =
        new StringBuilder(
            "library,build_seconds,build_cpu_seconds,build_threads,build_rate,build_cpu_rate,ef,recall,qps_cpu,qps_wall\n");
    for (Curve c : curves) {
      for (Curve.Point p : c.points) {
        b.append(
            String.format(
                Locale.ROOT,
                "%s,%.2f,%.2f,%d,%.0f,%.0f,%d,%.4f,%.1f,%.1f%n",
                c.library,
                c.buildSeconds,
                c.buildCpuSeconds,
                c.buildThreads,
                c.buildRate(),
                c.buildCpuRate(),
                p.ef(),
                p.recall(),
                p.qps(),
                p.wallQps()));
      }
    }
    return b.toString();
  }

  static String markdown(String title, String facts, List<Curve> curves) {
    StringBuilder b =
        new StringBuilder("## ").append(title).append("\n\n").append(facts).append("\n\n");
    b.append(
        "| library | build threads | build wall s | build CPU s | vec/s (wall) | vec/CPU-s |"
            + " ef@0.95 | QPS@0.95 | ef@0.99 | QPS@0.99 |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Curve c : curves) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.1f | %.0f | %.0f | %s | %s | %s | %s |%n",
              c.library,
              c.buildThreads,
              c.buildSeconds,
              c.buildCpuSeconds,
              c.buildRate(),
              c.buildCpuRate(),
              ef(c.efAt(0.95)),
              qps(c.qpsAt(0.95)),
              ef(c.efAt(0.99)),
              qps(c.qpsAt(0.99))));
    }
    b.append(
        "\nQPS = queries per CPU-second of the single search thread (best of three passes, libraries"
            + " interleaved per ef).\n\nFull curves (ef: recall@10 / QPS):\n\n");
    for (Curve c : curves) {
      if (c.points.isEmpty()) {
        continue;
      }
      b.append("- ").append(c.library).append(": ");
      for (Curve.Point p : c.points) {
        b.append(String.format(Locale.ROOT, "%d: %.4f / %.0f; ", p.ef(), p.recall(), p.qps()));
      }
      b.append("\n");
    }
    return b.toString();
  }

  private static String ef(int ef) {
    return ef < 0 ? "—" : Integer.toString(ef);
  }

  private static String qps(double q) {
    return Double.isNaN(q) ? "not reached" : String.format(Locale.ROOT, "%.0f", q);
  }

  static void svg(Path file, String title, List<Curve> curves) throws IOException {
    int w = 760;
    int h = 500;
    int left = 80;
    int right = 170;
    int top = 50;
    int bottom = 60;
    double minR = 1;
    double minQ = Double.MAX_VALUE;
    double maxQ = 0;
    for (Curve c : curves) {
      for (Curve.Point p : c.points) {
        minR = Math.min(minR, p.recall());
        minQ = Math.min(minQ, p.qps());
        maxQ = Math.max(maxQ, p.qps());
      }
    }
    double x0 = Math.max(0.5, Math.floor(minR * 20) / 20);
    double ly0 = Math.floor(Math.log10(Math.max(1, minQ)));
    double ly1 = Math.ceil(Math.log10(Math.max(10, maxQ)));
    int pw = w - left - right;
    int ph = h - top - bottom;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            w,
            h));
    s.append(
        String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    s.append(
        String.format(
            Locale.ROOT, "<text x=\"%d\" y=\"25\" font-size=\"15\">%s</text>%n", left, esc(title)));
    for (int i = 0; i <= 10; i++) {
      double r = x0 + (1 - x0) * i / 10;
      double x = left + pw * i / 10.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3f</text>%n",
              x,
              top,
              x,
              top + ph,
              x,
              top + ph + 18,
              r));
    }
    for (double e = ly0; e <= ly1 + 1e-9; e += 0.5) {
      double y = top + ph - ph * (e - ly0) / (ly1 - ly0);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
              left,
              y,
              left + pw,
              y,
              left - 6,
              y + 4,
              Math.pow(10, e)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
            left,
            top,
            pw,
            ph));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">recall@10</text>%n",
            left + pw / 2,
            h - 15));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"20\" y=\"%d\" transform=\"rotate(-90 20 %d)\" text-anchor=\"middle\">queries per CPU-second, 1 search thread (log)</text>%n",
            top + ph / 2,
            top + ph / 2));
    for (int ci = 0; ci < curves.size(); ci++) {
      Curve c = curves.get(ci);
      String col = COLOURS[ci % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (Curve.Point p : c.points) {
        double x = left + pw * (Math.max(x0, p.recall()) - x0) / (1 - x0);
        double y = top + ph - ph * (Math.log10(p.qps()) - ly0) / (ly1 - ly0);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        s.append(
            String.format(
                Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, col));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              pts.toString().trim(),
              col));
      int ly = top + 20 + ci * 20;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
              left + pw + 15,
              ly,
              left + pw + 40,
              ly,
              col,
              left + pw + 46,
              ly + 4,
              esc(c.library)));
    }
    s.append("</svg>\n");
    Files.writeString(file, s.toString());
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
