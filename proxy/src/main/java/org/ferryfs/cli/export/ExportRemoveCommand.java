package org.ferryfs.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ferryfs.cli.AdminOptions;
import org.ferryfs.cli.CliException;
import org.ferryfs.cli.ExitCode;
import org.ferryfs.cli.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry export remove NAME}: clients lose the export; its data stays on the backend. */
@Command(
    name = "remove",
    description = "Remove an export. Its data stays on the backend; clients' handles go stale.")
public final class ExportRemoveCommand implements Callable<Integer> {
  @Mixin AdminOptions admin;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "the export's name")
  String name;

  @Override
  public Integer call() throws CliException {
    JsonNode e = admin.client().delete("api/v1/exports/" + Tables.urlSegment(name));
    PrintWriter out = spec.commandLine().getOut();
    if (admin.json()) {
      Tables.json(out, e);
    } else {
      out.println(
          "removed export "
              + e.path("name").asText()
              + " (its data stays at "
              + e.path("backend").asText()
              + ":"
              + e.path("path").asText()
              + ")");
      out.flush();
    }
    return ExitCode.OK.code();
  }
}
