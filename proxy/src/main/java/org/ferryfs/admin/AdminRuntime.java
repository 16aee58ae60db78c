package org.ferryfs.admin;

import java.time.Instant;
import java.util.List;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.core.ExportManager;
import org.ferryfs.mapping.ExportMapping;

/** What the admin API reads and drives in a running Ferry. */
public interface AdminRuntime {
  ExportManager exports();

  List<ExportMapping> mappings();

  BackendPool backends();

  Instant started();

  AdminJson.Endpoint nfsEndpoint();

  AdminJson.Endpoint adminEndpoint();

  String stateDir();

  long knownObjects();

  /** Load of an export over each of {@link LoadReport#WINDOWS}. */
  java.util.List<AdminJson.Load> exportLoad(int exportIndex);

  /** Load of a backend (summed over its exports) over each of {@link LoadReport#WINDOWS}. */
  java.util.List<AdminJson.Load> backendLoad(String backend);
}
