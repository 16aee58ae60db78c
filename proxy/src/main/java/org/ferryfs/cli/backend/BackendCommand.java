package org.ferryfs.cli.backend;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry backend ...}: the backend file servers. */
@Command(
    name = "backend",
    description = "Show the backend file servers.",
    subcommands = {BackendListCommand.class})
public final class BackendCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
