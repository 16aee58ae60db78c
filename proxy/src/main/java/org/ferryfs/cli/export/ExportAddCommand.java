package org.ferryfs.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ferryfs.admin.AdminJson;
import org.ferryfs.cli.AdminOptions;
import org.ferryfs.cli.CliException;
import org.ferryfs.cli.ExitCode;
import org.ferryfs.cli.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry export add NAME --backend B [--path P]}. */
@Command(
    name = "add",
    description = "Add an export on a backend (its directory is created if missing).")
public final class ExportAddCommand implements Callable<Integer> {
  @Mixin AdminOptions admin;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "the export's name")
  String name;

  @Option(
      names = "--backend",
      required = true,
      paramLabel = "B",
      description = "backend to hold it")
  String backend;

  @Option(
      names = "--path",
      paramLabel = "P",
      description = "directory inside the backend (default /NAME)")
  String path;

  @Option(
      names = "--clients",
      split = ",",
      paramLabel = "CIDR",
      description = "addresses/CIDRs allowed (default everyone)")
  List<String> clients;

  @Option(names = "--read-only", description = "clients may not modify")
  boolean readOnly;

  @Override
  public Integer call() throws CliException {
    JsonNode e =
        admin
            .client()
            .post(
                "api/v1/exports", new AdminJson.AddExport(name, backend, path, clients, readOnly));
    PrintWriter out = spec.commandLine().getOut();
    if (admin.json()) {
      Tables.json(out, e);
    } else {
      out.println(
          "added export "
              + e.path("name").asText()
              + " on "
              + e.path("backend").asText()
              + ":"
              + e.path("path").asText());
      out.flush();
    }
    return ExitCode.OK.code();
  }
}
