package org.ferryfs.mapping;

/**
 * Lifecycle of an export mapping, persisted with it (DESIGN.md §3.4).
 *
 * <ul>
 *   <li>{@code ACTIVE}: served from {@link ExportMapping#backend()}.
 *   <li>{@code MOVING}: served from {@link ExportMapping#backend()} while a migration (recorded
 *       separately) prepares the target; the cutover flips the backend with compare-and-set.
 *   <li>{@code REMOVING}: an operator removed it; no new requests are accepted, in-flight ones
 *       finish, then the mapping is deleted.
 * </ul>
 */
public enum ExportState {
  ACTIVE,
  MOVING,
  REMOVING
}
