/**
 * The local-directory driver ({@code file:///srv/a}): {@link org.ferryfs.backend.local.LocalDriver}
 * opens a {@link org.ferryfs.backend.local.LocalBackend}, whose exports are {@link
 * org.ferryfs.backend.local.LocalBackendExport}s on java.nio.
 *
 * <p>Containment (no symbolic link followed, nothing outside the export root reached) and its
 * limits are described in the design note of {@link org.ferryfs.backend.local.LocalBackendExport};
 * java.nio exceptions become neutral statuses in one place, {@code LocalErrors}.
 */
package org.ferryfs.backend.local;
