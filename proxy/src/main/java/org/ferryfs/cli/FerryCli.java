package org.ferryfs.cli;

/** Placeholder entry point until the CLI lands. */
public final class FerryCli {
  private FerryCli() {}

  public static void main(String[] args) {
    System.out.println("ferry");
  }
}
