package org.ferryfs.mapping;

/**
 * A change to the mapping table, delivered to watchers after it is durable.
 *
 * @param kind what happened
 * @param name the export's name
 * @param mapping the mapping after the change, {@code null} for {@link Kind#DELETED}
 */
public record MappingEvent(Kind kind, String name, ExportMapping mapping) {
  /** What happened to the mapping. */
  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }
}
