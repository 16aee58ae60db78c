/**
 * Test support shipped in this module's test-jar for other modules' tests too: {@link
 * org.ferryfs.nfs.testing.InMemoryFileService}, a simple but correct in-memory {@code FileService};
 * {@link org.ferryfs.nfs.testing.RawRpc}, hand-built ONC RPC messages and a raw TCP connection;
 * {@link org.ferryfs.nfs.testing.XdrTesting}, encode/decode round-trip helpers.
 */
package org.ferryfs.nfs.testing;
