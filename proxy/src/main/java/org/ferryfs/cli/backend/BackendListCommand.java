package org.ferryfs.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ferryfs.cli.AdminOptions;
import org.ferryfs.cli.CliException;
import org.ferryfs.cli.ExitCode;
import org.ferryfs.cli.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry backend list}. */
@Command(name = "list", description = "List the backends, their health and their exports.")
public final class BackendListCommand implements Callable<Integer> {
  @Mixin AdminOptions admin;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException {
    JsonNode list = admin.client().get("api/v1/backends");
    PrintWriter out = spec.commandLine().getOut();
    if (admin.json()) {
      Tables.json(out, list);
      return ExitCode.OK.code();
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode b : list) {
      List<String> row = new ArrayList<>();
      row.add(Tables.text(b, "name"));
      row.add(Tables.text(b, "health"));
      row.add(Tables.text(b, "url"));
      row.add(Tables.list(b, "exports", "-"));
      row.addAll(Tables.loadCells(b));
      rows.add(row);
    }
    if (rows.isEmpty()) {
      out.println("no backends");
      out.flush();
    } else {
      List<String> header = new ArrayList<>(List.of("NAME", "HEALTH", "URL", "EXPORTS"));
      header.addAll(Tables.LOAD_HEADER);
      Tables.table(out, header, rows);
      out.println("(load over the last " + Tables.loadWindow(list) + "; --json for more)");
      for (JsonNode b : list) {
        if (!"UP".equals(Tables.text(b, "health")) && b.hasNonNull("last-error")) {
          out.println(
              Tables.text(b, "name")
                  + " "
                  + Tables.text(b, "health")
                  + " since "
                  + Tables.text(b, "health-since")
                  + ": "
                  + Tables.text(b, "last-error"));
        }
      }
      out.flush();
    }
    return ExitCode.OK.code();
  }
}
