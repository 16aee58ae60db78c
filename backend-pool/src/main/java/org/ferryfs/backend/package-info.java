/**
 * The backend SPI: how the core reaches file servers.
 *
 * <p>A {@link org.ferryfs.backend.BackendDriver} (one per URL scheme) opens a {@link
 * org.ferryfs.backend.Backend}; a backend hands out {@link org.ferryfs.backend.BackendExport}s, one
 * per export directory, which do path-addressed, stateless file operations and open {@link
 * org.ferryfs.backend.BackendHandle}s for I/O. Every failure is a {@link
 * org.ferryfs.backend.BackendException} carrying the neutral {@link
 * org.ferryfs.backend.BackendStatus}, which each front end maps once. Paths follow the rules of
 * {@link org.ferryfs.backend.BackendExport} and are checked by {@link
 * org.ferryfs.backend.BackendPaths}; no driver ever follows a symbolic link while resolving one.
 *
 * <p>Behaviour is added by decorating {@link org.ferryfs.backend.ForwardingBackendExport}. The
 * {@link org.ferryfs.backend.BackendPool} holds the configured backends by name. Pauses are taken
 * through an injected {@link org.ferryfs.backend.Sleeper}.
 *
 * <p>The module's test-jar carries {@code BackendExportContractTest}, which every driver's test
 * extends, and the fault and delay injecting decorators.
 */
package org.ferryfs.backend;
