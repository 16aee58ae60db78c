package org.ferryfs.smb.server;

import java.util.HashMap;
import java.util.Map;
import org.ferryfs.frontend.Caller;
import org.ferryfs.smb.auth.NtlmAuthenticator;
import org.ferryfs.smb.auth.Smb2Encryption;
import org.ferryfs.smb.auth.Smb2Signing;

/**
 * [MS-SMB2] 3.3.1.8 Per Session. Touched only by its connection's request thread (requests of a
 * connection run one at a time), so it needs no locking.
 */
final class Session {
  /** The session's lifecycle ([MS-SMB2] 3.3.1.8 Session.State). */
  enum State {
    /** SESSION_SETUP legs are going on. */
    IN_PROGRESS,
    /** Authenticated; requests are accepted. */
    VALID
  }

  final long id;
  State state = State.IN_PROGRESS;
  NtlmAuthenticator authenticator;

  /** The client's SPNEGO MechTypeList as sent, for the mechListMIC. */
  byte[] mechTypes;

  /** [MS-SMB2] 3.3.1.8 PreauthIntegrityHashValue (3.1.1). */
  byte[] preauthHash;

  Caller caller;
  Smb2Signing signer;
  boolean signingRequired;

  /** The session's keys when its connection negotiated a cipher (3.x), else {@code null}. */
  Smb2Encryption encryption;

  /** [MS-SMB2] 3.3.1.8 Session.EncryptData: every request and response must be encrypted. */
  boolean encryptData;

  final Map<Integer, TreeConnect> trees = new HashMap<>();
  private int nextTreeId = 1;

  Session(long id) {
    this.id = id;
  }

  int newTreeId() {
    return nextTreeId++;
  }
}
