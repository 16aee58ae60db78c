package org.ferryfs.server;

import java.util.List;

/** The front ends a Ferry runs. */
public final class FrontEnds {
  private FrontEnds() {}

  /** Every front end Ferry has. */
  public static List<FrontEnd.Starter> all() {
    return List.of(NfsFrontEnd::start, SmbFrontEnd::start);
  }
}
