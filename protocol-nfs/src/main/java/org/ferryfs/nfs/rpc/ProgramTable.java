package org.ferryfs.nfs.rpc;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The programs a server offers: program number → version → {@link RpcProgram}. Immutable once
 * built; lookups are lock-free.
 */
public final class ProgramTable {

  private final Map<Integer, TreeMap<Integer, RpcProgram>> programs;

  private ProgramTable(Map<Integer, TreeMap<Integer, RpcProgram>> programs) {
    this.programs = programs;
  }

  /** A table holding exactly {@code programs}. */
  public static ProgramTable of(Collection<? extends RpcProgram> programs) {
    Map<Integer, TreeMap<Integer, RpcProgram>> map = new HashMap<>();
    for (RpcProgram p : programs) {
      RpcProgram old =
          map.computeIfAbsent(p.number(), k -> new TreeMap<>()).putIfAbsent(p.version(), p);
      if (old != null) {
        throw new IllegalArgumentException(
            "program " + p.number() + " version " + p.version() + " is registered twice");
      }
    }
    return new ProgramTable(map);
  }

  /** A table holding exactly {@code programs}. */
  public static ProgramTable of(RpcProgram... programs) {
    return of(List.of(programs));
  }

  /** The program serving {@code program} / {@code version}, or {@code null}. */
  public RpcProgram lookup(int program, int version) {
    TreeMap<Integer, RpcProgram> versions = programs.get(program);
    return versions == null ? null : versions.get(version);
  }

  /** True if some version of {@code program} is served. */
  public boolean hasProgram(int program) {
    return programs.containsKey(program);
  }

  /** Lowest version of {@code program} served; the program must be known. */
  public int lowestVersion(int program) {
    return programs.get(program).firstKey();
  }

  /** Highest version of {@code program} served; the program must be known. */
  public int highestVersion(int program) {
    return programs.get(program).lastKey();
  }
}
