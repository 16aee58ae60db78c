package org.ferryfs.cli.export;

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

/** {@code ferry export list}. */
@Command(name = "list", description = "List the exports and where each one lives.")
public final class ExportListCommand implements Callable<Integer> {
  @Mixin AdminOptions admin;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException {
    JsonNode list = admin.client().get("api/v1/exports");
    PrintWriter out = spec.commandLine().getOut();
    if (admin.json()) {
      Tables.json(out, list);
      return ExitCode.OK.code();
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode e : list) {
      rows.add(Tables.exportRow(e));
    }
    if (rows.isEmpty()) {
      out.println("no exports");
      out.flush();
    } else {
      Tables.table(out, Tables.EXPORT_HEADER, rows);
    }
    return ExitCode.OK.code();
  }
}
