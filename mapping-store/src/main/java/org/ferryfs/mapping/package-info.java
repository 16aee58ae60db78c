/**
 * The export → backend mapping table (DESIGN.md §3.3).
 *
 * <ul>
 *   <li>The SPI: {@link org.ferryfs.mapping.MappingStore} (versioned, every write compare-and-set,
 *       changes pushed to watchers), its value {@link org.ferryfs.mapping.ExportMapping} with the
 *       lifecycle {@link org.ferryfs.mapping.ExportState}, events and exceptions. Every store
 *       passes {@code MappingStoreContractTest} (in this module's test-jar).
 *   <li>{@link org.ferryfs.mapping.MappingListeners}: ordered, failure-isolating delivery of watch
 *       events, for store implementations.
 *   <li>{@link org.ferryfs.mapping.MappingTable}: the Caffeine-cached read side the data path uses,
 *       kept current by watch events.
 * </ul>
 *
 * <p>Implementations live in sub-packages: {@link org.ferryfs.mapping.mvstore} (embedded, one
 * node).
 */
package org.ferryfs.mapping;
