package org.ferryfs.mapping;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one export lives: the row of the export → backend table.
 *
 * @param name the export's name (what clients mount / connect to)
 * @param exportIndex assigned by the store on create, unique, never reused for another export even
 *     after this one is deleted (it is carried in client file handles)
 * @param backend the backend's name
 * @param path the export's root inside the backend, absolute ({@code /alpha})
 * @param clients access rule: addresses or CIDRs allowed; empty means everyone
 * @param readOnly clients may not modify
 * @param state lifecycle state
 * @param version assigned by the store: 1 on create, +1 on every successful compare-and-set
 */
public record ExportMapping(
    String name,
    int exportIndex,
    String backend,
    String path,
    List<String> clients,
    boolean readOnly,
    ExportState state,
    long version) {

  /** Names clients can type in a mount path or share name. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  public ExportMapping {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(state, "state");
    clients = List.copyOf(clients == null ? List.of() : clients);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "export name '"
              + name
              + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or"
              + " digit, at most 80 characters");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("export path must be absolute, got '" + path + "'");
    }
  }

  /** A new mapping to hand to {@link MappingStore#create}; index and version are assigned there. */
  public static ExportMapping draft(
      String name, String backend, String path, List<String> clients, boolean readOnly) {
    return new ExportMapping(name, 0, backend, path, clients, readOnly, ExportState.ACTIVE, 0);
  }

  public ExportMapping withBackend(String newBackend, String newPath) {
    return new ExportMapping(
        name, exportIndex, newBackend, newPath, clients, readOnly, state, version);
  }

  public ExportMapping withState(ExportState newState) {
    return new ExportMapping(
        name, exportIndex, backend, path, clients, readOnly, newState, version);
  }

  public ExportMapping withAccess(List<String> newClients, boolean newReadOnly) {
    return new ExportMapping(
        name, exportIndex, backend, path, newClients, newReadOnly, state, version);
  }

  /** Used by stores only. */
  public ExportMapping withIdentity(int newIndex, long newVersion) {
    return new ExportMapping(name, newIndex, backend, path, clients, readOnly, state, newVersion);
  }
}
