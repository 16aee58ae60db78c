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
      rows.add(
          List.of(
              Tables.text(b, "name"),
              Tables.text(b, "health"),
              Tables.text(b, "url"),
              Tables.list(b, "exports", "-")));
    }
    if (rows.isEmpty()) {
      out.println("no backends");
      out.flush();
    } else {
      Tables.table(out, List.of("NAME", "HEALTH", "URL", "EXPORTS"), rows);
    }
    return ExitCode.OK.code();
  }
}
