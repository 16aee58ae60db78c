/**
 * NFS version 3 (RFC 1813): one class per procedure named as the RFC names it ({@code ProcREAD},
 * {@code ProcREADDIRPLUS}, …), the {@link org.ferryfs.nfs.v3.Nfs3DispatchTable} declaring each
 * procedure's preconditions, {@link org.ferryfs.nfs.v3.Nfs3Program} checking them, and {@link
 * org.ferryfs.nfs.v3.Nfs3Status}, the one mapping of the core's statuses to {@code nfsstat3}.
 */
package org.ferryfs.nfs.v3;
