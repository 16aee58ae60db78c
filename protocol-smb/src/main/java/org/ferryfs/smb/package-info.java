/**
 * Ferry's SMB2/3 front end: Direct TCP framing, NEGOTIATE (2.0.2 to 3.1.1), NTLMv2 over SPNEGO,
 * signing, sessions, trees, opens and one handler per SMB2 command, talking to the core only
 * through {@link org.ferryfs.frontend.FileService}. See the module README for what is served.
 */
package org.ferryfs.smb;
