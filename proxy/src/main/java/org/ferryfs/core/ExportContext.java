package org.ferryfs.core;

import java.util.Objects;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.mapping.ExportMapping;

/**
 * What the data path needs of one export, resolved from its mapping: the backend export that holds
 * it now, its gate, its access rule and the id of its root object.
 *
 * @param mapping the mapping this context was built from
 * @param backend the backend export serving it
 * @param gate the export's gate (the same object across mapping versions)
 * @param rule the client access rule
 * @param rootId the handle-map id of the export's root directory
 * @param load the export's load (kept across rebuilds)
 */
public record ExportContext(
    ExportMapping mapping,
    BackendExport backend,
    ExportGate gate,
    ClientRule rule,
    long rootId,
    ExportLoad load) {
  public ExportContext {
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(rule, "rule");
  }

  public int index() {
    return mapping.exportIndex();
  }

  public String name() {
    return mapping.name();
  }

  public boolean readOnly() {
    return mapping.readOnly();
  }
}
