package org.ferryfs.backend;

/**
 * Health of a backend server, a persisted lifecycle (DESIGN.md §3.4).
 *
 * <ul>
 *   <li>{@code UP}: answering probes and requests.
 *   <li>{@code SUSPECT}: recent probes or requests failed; still used, watched closely.
 *   <li>{@code DOWN}: unreachable; requests on its exports fail fast.
 *   <li>{@code DRAINING}: an operator is moving exports away; no new exports are placed on it.
 * </ul>
 */
public enum BackendHealth {
  UP,
  SUSPECT,
  DOWN,
  DRAINING
}
