/**
 * A small NFSv3 + MOUNT v3 client on oncrpc4j's {@code OncRpcClient}, reusing the server's XDR
 * classes: typed results, {@link org.ferryfs.nfs.client.Nfs3Exception} carrying the {@code
 * nfsstat3}, a timeout on every call. Used by the tests, and meant to become the {@code nfs://}
 * backend driver.
 */
package org.ferryfs.nfs.client;
