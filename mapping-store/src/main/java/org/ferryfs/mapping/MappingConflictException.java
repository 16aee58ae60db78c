package org.ferryfs.mapping;

/**
 * A write to the mapping store lost: the name exists already (create), the mapping changed since it
 * was read (compare-and-set, delete), or it does not exist.
 */
public class MappingConflictException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of conflict. */
  public enum Kind {
    /** create: the name is taken. */
    EXISTS,
    /** compare-and-set or delete: the version is not the current one. */
    VERSION,
    /** compare-and-set or delete: there is no mapping of that name. */
    NOT_FOUND
  }

  private final Kind kind;

  public MappingConflictException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
