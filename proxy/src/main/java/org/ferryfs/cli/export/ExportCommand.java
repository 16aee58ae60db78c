package org.ferryfs.cli.export;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry export ...}: the export table. */
@Command(
    name = "export",
    description = "List, add and remove exports.",
    subcommands = {ExportListCommand.class, ExportAddCommand.class, ExportRemoveCommand.class})
public final class ExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
