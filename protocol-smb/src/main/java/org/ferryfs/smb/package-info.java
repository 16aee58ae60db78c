/**
 * Ferry's SMB2/3 front end. This module is a skeleton until the SMB front-end issue lands: it
 * builds, and it will own framing, negotiate, NTLMv2/SPNEGO, signing, sessions, trees, opens and
 * one handler per SMB2 command, talking to the core only through {@link
 * org.ferryfs.frontend.FileService}.
 */
package org.ferryfs.smb;
