package org.ferryfs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.admin.AdminJson;

/** Prints tables for people and JSON for scripts. */
public final class Tables {
  private Tables() {}

  public static void json(PrintWriter out, JsonNode node) {
    try {
      out.println(AdminJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      out.println(node.toString());
    }
    out.flush();
  }

  /** A left-aligned table with a header row. */
  public static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    rows(out, all);
  }

  /** Left-aligned columns, no header. */
  public static void rows(PrintWriter out, List<List<String>> all) {
    if (all.isEmpty()) {
      return;
    }
    List<String> header = all.get(0);
    int[] width = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        sb.append(row.get(i));
        if (i < row.size() - 1) {
          sb.append(" ".repeat(width[i] - row.get(i).length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
    out.flush();
  }

  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  public static String list(JsonNode n, String field, String ifEmpty) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray() || v.isEmpty()) {
      return ifEmpty;
    }
    List<String> parts = new ArrayList<>();
    v.forEach(x -> parts.add(x.asText()));
    return String.join(",", parts);
  }

  /** Columns of the export table. */
  public static final List<String> EXPORT_HEADER =
      List.of("NAME", "INDEX", "BACKEND", "PATH", "ACCESS", "CLIENTS", "STATE");

  /** One export as a table row. */
  public static List<String> exportRow(JsonNode e) {
    return List.of(
        text(e, "name"),
        text(e, "index"),
        text(e, "backend"),
        text(e, "path"),
        e.path("read-only").asBoolean() ? "ro" : "rw",
        list(e, "clients", "everyone"),
        text(e, "state"));
  }

  /** A value safe to put in one URL path segment. */
  public static String urlSegment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Columns of a load table (the first window of a "load" array). */
  public static final List<String> LOAD_HEADER =
      List.of("OPS/S", "READ/S", "WRITE/S", "P50", "P99", "ERRORS", "OPEN", "CLIENTS");

  /** The first (shortest) window of a "load" array as table cells. */
  public static List<String> loadCells(JsonNode owner) {
    JsonNode load = owner.path("load");
    if (!load.isArray() || load.isEmpty()) {
      return List.of("-", "-", "-", "-", "-", "-", "-", "-");
    }
    JsonNode w = load.get(0);
    double ops = 0;
    for (JsonNode v : w.path("ops-per-second")) {
      ops += v.asDouble();
    }
    return List.of(
        String.format(java.util.Locale.ROOT, "%.1f", ops),
        bytes(w.path("read-bytes-per-second").asDouble()),
        bytes(w.path("write-bytes-per-second").asDouble()),
        micros(w.path("latency-p50-us").asLong()),
        micros(w.path("latency-p99-us").asLong()),
        w.path("errors").asText(),
        w.path("open-files").asText(),
        w.path("clients").asText());
  }

  /** The window the load cells cover, e.g. "10s". */
  public static String loadWindow(JsonNode owners) {
    for (JsonNode o : owners) {
      JsonNode load = o.path("load");
      if (load.isArray() && !load.isEmpty()) {
        return load.get(0).path("window-seconds").asText() + "s";
      }
    }
    return "-";
  }

  static String bytes(double perSecond) {
    String[] units = {"B", "KiB", "MiB", "GiB"};
    int u = 0;
    double v = perSecond;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  static String micros(long us) {
    if (us == 0) {
      return "-";
    }
    if (us < 1000) {
      return us + "us";
    }
    if (us < 1_000_000) {
      return String.format(java.util.Locale.ROOT, "%.1fms", us / 1000.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1fs", us / 1e6);
  }
}
