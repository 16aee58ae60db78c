package org.ferryfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry status}: what a running Ferry serves, where, since when. */
@Command(name = "status", description = "Show a running Ferry's status.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin AdminOptions admin;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException {
    JsonNode s = admin.client().get("api/v1/status");
    PrintWriter out = spec.commandLine().getOut();
    if (admin.json()) {
      Tables.json(out, s);
      return ExitCode.OK.code();
    }
    out.println(
        "Ferry "
            + Tables.text(s, "version")
            + ", up "
            + human(Duration.ofSeconds(s.path("uptime-seconds").asLong()))
            + " (since "
            + Tables.text(s, "started")
            + ")");
    Tables.rows(
        out,
        List.of(
            List.of("state dir", Tables.text(s, "state-dir")),
            List.of("NFS", endpoint(s.path("nfs"))),
            List.of("admin API", endpoint(s.path("admin"))),
            List.of("exports", Tables.text(s, "exports")),
            List.of("backends", Tables.text(s, "backends")),
            List.of("known objects", Tables.text(s, "known-objects"))));
    JsonNode exports = admin.client().get("api/v1/exports");
    if (!exports.isEmpty()) {
      out.println();
      List<List<String>> rows = new java.util.ArrayList<>();
      for (JsonNode e : exports) {
        List<String> row = new java.util.ArrayList<>();
        row.add(Tables.text(e, "name"));
        row.add(Tables.text(e, "backend"));
        row.addAll(Tables.loadCells(e));
        rows.add(row);
      }
      List<String> header = new java.util.ArrayList<>(List.of("EXPORT", "BACKEND"));
      header.addAll(Tables.LOAD_HEADER);
      Tables.table(out, header, rows);
      out.println("(load over the last " + Tables.loadWindow(exports) + ")");
      out.flush();
    }
    return ExitCode.OK.code();
  }

  private static String endpoint(JsonNode e) {
    return e.path("listen").asText() + ":" + e.path("port").asText();
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60) + "s";
    }
    if (s < 86400) {
      return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }
    return (s / 86400) + "d" + ((s % 86400) / 3600) + "h";
  }
}
