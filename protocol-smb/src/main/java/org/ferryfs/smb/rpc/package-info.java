/**
 * DCE/RPC over SMB2 named pipes ([MS-RPCE] 2.1.1.2, [C706] chapter 12 connection-oriented PDUs, NDR
 * transfer syntax [C706] chapter 14) and the one interface Ferry serves on IPC$: srvsvc's
 * NetrShareEnum ([MS-SRVS] 3.1.4.8), so clients can list the exports.
 */
package org.ferryfs.smb.rpc;
