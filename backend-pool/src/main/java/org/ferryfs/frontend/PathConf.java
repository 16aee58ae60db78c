package org.ferryfs.frontend;

/**
 * POSIX pathconf figures of an export (RFC 1813 §3.3.20).
 *
 * @param linkMax most hard links an object can have
 * @param nameMax longest name component in bytes
 * @param noTrunc names longer than {@code nameMax} are refused, not truncated
 * @param chownRestricted only a privileged caller may change an owner
 * @param caseInsensitive names are compared ignoring case
 * @param casePreserving names keep the case they were created with
 */
public record PathConf(
    int linkMax,
    int nameMax,
    boolean noTrunc,
    boolean chownRestricted,
    boolean caseInsensitive,
    boolean casePreserving) {}
