/**
 * The embedded {@link org.ferryfs.mapping.MappingStore}: {@link
 * org.ferryfs.mapping.mvstore.MvStoreMappingStore}, one H2 MVStore file in Ferry's state directory
 * for a single Ferry node. Writes are committed and forced to disk before they return; records are
 * stored in a versioned binary format ({@code MappingRecordCodec}), never Java serialization.
 */
package org.ferryfs.mapping.mvstore;
