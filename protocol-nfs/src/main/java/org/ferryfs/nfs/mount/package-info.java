/**
 * MOUNT version 3 (RFC 1813 §5): MNT resolves a path through the core and returns an NFSv3 handle;
 * DUMP, UMNT and UMNTALL keep an advisory in-memory mount list; EXPORT lists the exports with their
 * client rules. {@link org.ferryfs.nfs.mount.MountStatus} maps the core's statuses.
 */
package org.ferryfs.nfs.mount;
