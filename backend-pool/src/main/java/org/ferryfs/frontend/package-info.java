/**
 * The facade the core gives the front ends (NFS, SMB): {@link org.ferryfs.frontend.FileService} and
 * the value types it speaks in. Front ends see only Ferry-owned {@link
 * org.ferryfs.frontend.FileRef}s and neutral statuses, never a backend, a driver or the mapping
 * store (DESIGN.md §2, §3.1). It lives in this module so the protocol modules depend on one small
 * module; the core implements it.
 */
package org.ferryfs.frontend;
