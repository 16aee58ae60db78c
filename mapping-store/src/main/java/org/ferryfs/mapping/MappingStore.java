package org.ferryfs.mapping;

import java.util.List;
import java.util.Optional;

/**
 * The export → backend table (DESIGN.md §3.3): versioned, every write compare-and-set, changes
 * pushed to watchers. Implementations: an embedded durable store (H2 MVStore) for one Ferry node,
 * later ZooKeeper for several. Every implementation passes {@code MappingStoreContractTest}.
 *
 * <p>Durability: when a write method returns, the change survives a {@code kill -9} of the process.
 * Watch events are delivered after that point, in the order of the writes.
 */
public interface MappingStore extends AutoCloseable {

  /** The mapping of that name, if any. */
  Optional<ExportMapping> get(String name);

  /** Every mapping, sorted by name. */
  List<ExportMapping> list();

  /**
   * Adds a mapping. The store assigns {@link ExportMapping#exportIndex()} (never reused, even for a
   * deleted mapping's name) and version 1; {@code draft}'s own index and version are ignored.
   *
   * @return the stored mapping
   * @throws MappingConflictException {@link MappingConflictException.Kind#EXISTS} if the name is
   *     taken
   */
  ExportMapping create(ExportMapping draft) throws MappingConflictException;

  /**
   * Replaces the mapping named {@code updated.name()} if its current version is {@code
   * expectedVersion}. The name and export index cannot change.
   *
   * @return the stored mapping, version {@code expectedVersion + 1}
   * @throws MappingConflictException {@link MappingConflictException.Kind#VERSION} if the version
   *     moved on, {@link MappingConflictException.Kind#NOT_FOUND} if there is no such mapping
   */
  ExportMapping compareAndSet(long expectedVersion, ExportMapping updated)
      throws MappingConflictException;

  /**
   * Deletes the mapping if its current version is {@code expectedVersion}.
   *
   * @throws MappingConflictException as for {@link #compareAndSet}
   */
  void delete(String name, long expectedVersion) throws MappingConflictException;

  /**
   * Registers a listener for changes made from now on (by this or, for shared stores, any other
   * node).
   *
   * @return closing it unregisters the listener
   */
  AutoCloseable watch(MappingListener listener);

  @Override
  void close();
}
