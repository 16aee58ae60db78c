package org.ferryfs.smb.server;

import org.ferryfs.frontend.Caller;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.auth.Crypto;
import org.ferryfs.smb.auth.Ntlm;
import org.ferryfs.smb.auth.NtlmAuthenticator;
import org.ferryfs.smb.auth.Smb2Encryption;
import org.ferryfs.smb.auth.Smb2Signing;
import org.ferryfs.smb.auth.Spnego;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2SessionSetupRequest;
import org.ferryfs.smb.wire.Smb2SessionSetupResponse;
import org.ferryfs.smb.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * [MS-SMB2] 3.3.5.5 Receiving an SMB2 SESSION_SETUP Request: SPNEGO ([MS-SPNG]) carrying NTLMSSP
 * ([MS-NLMP]); on success the session's signing and encryption keys are derived (3.3.5.5.3).
 */
final class Smb2SessionSetup implements Smb2Handler {
  private static final Logger LOG = LoggerFactory.getLogger(Smb2SessionSetup.class);

  /** [MS-SMB2] 2.2.6 SessionFlags SMB2_SESSION_FLAG_ENCRYPT_DATA. */
  static final int ENCRYPT_DATA = 0x0004;

  private final ServerContext server;

  Smb2SessionSetup(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException {
    SmbConnection c = r.connection;
    if (c.dialect == 0x02FF) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "SESSION_SETUP before NEGOTIATE");
    }
    Smb2SessionSetupRequest req = Smb2SessionSetupRequest.decode(r.reader);
    if (server.config.encryption() == SmbServerConfig.Encryption.REQUIRED && c.cipher == null) {
      // [MS-SMB2] 3.3.5.5: EncryptData and RejectUnencryptedAccess refuse a client that cannot
      // encrypt (2.x dialects, 3.0.x without SMB2_GLOBAL_CAP_ENCRYPTION, no common cipher).
      LOG.warn(
          "session setup from {} refused: smb.encryption is required but the client negotiated"
              + " dialect 0x{} without a common cipher",
          c.io.remote(),
          Integer.toHexString(c.dialect));
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "encryption is required");
    }
    Session s;
    if (r.header.sessionId() == 0) {
      if (c.sessions.size() >= SmbLimits.MAX_SESSIONS) {
        throw new SmbException(NtStatus.STATUS_INSUFFICIENT_RESOURCES, "too many sessions");
      }
      s = new Session(server.newSessionId());
      s.authenticator =
          new NtlmAuthenticator(
              server.config.users(),
              server.config.serverName(),
              server.config.domain(),
              server.random);
      if (c.dialect == 0x0311) {
        s.preauthHash = c.preauthHash.clone();
      }
      c.sessions.put(s.id, s);
    } else {
      s = c.sessions.get(r.header.sessionId());
      if (s == null) {
        throw new SmbException(NtStatus.STATUS_USER_SESSION_DELETED, "no such session");
      }
      if (s.state == Session.State.VALID) {
        throw new SmbException(
            NtStatus.STATUS_REQUEST_NOT_ACCEPTED, "re-authentication is not supported yet");
      }
    }
    if (s.preauthHash != null) {
      s.preauthHash = Crypto.sha512(s.preauthHash, r.raw);
    }
    try {
      return step(r, c, s, req);
    } catch (WireException | SmbException e) {
      c.sessions.remove(s.id);
      throw e;
    }
  }

  private Smb2Reply step(Smb2Request r, SmbConnection c, Session s, Smb2SessionSetupRequest req)
      throws WireException, SmbException {
    byte[] buffer = req.securityBuffer();
    boolean raw = Ntlm.isNtlmssp(buffer);
    Spnego.ClientToken token = Spnego.parse(buffer);
    if (token.mechToken() == null || !Ntlm.isNtlmssp(token.mechToken())) {
      throw new SmbException(
          NtStatus.STATUS_LOGON_FAILURE, "no NTLMSSP token (only NTLM is served)");
    }
    byte[] ntlm = token.mechToken();
    if (token.mechTypes() != null) {
      s.mechTypes = token.mechTypes();
    }
    int type = ntlmType(ntlm);
    if (type == 1) {
      byte[] challenge = s.authenticator.challenge(ntlm, server.now());
      byte[] out =
          raw ? challenge : Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, true, challenge, null);
      ByteWriter w = new ByteWriter();
      new Smb2SessionSetupResponse(0, out).encode(w);
      return Smb2Reply.of(NtStatus.STATUS_MORE_PROCESSING_REQUIRED, w).withSession(s.id);
    }
    if (type != 3) {
      throw new WireException("NTLMSSP message type " + type + " in SESSION_SETUP");
    }
    NtlmAuthenticator.Accepted a;
    try {
      a = s.authenticator.authenticate(ntlm);
    } catch (NtlmAuthenticator.Refused e) {
      LOG.warn("logon from {} refused: {}", c.io.remote(), e.getMessage());
      throw new SmbException(NtStatus.STATUS_LOGON_FAILURE, e.getMessage());
    }
    byte[] mic = null;
    if (token.mechListMic() != null) {
      if (s.mechTypes == null
          || !NtlmAuthenticator.verifyMechListMic(a, s.mechTypes, token.mechListMic())) {
        LOG.warn("logon from {} refused: SPNEGO mechListMIC does not verify", c.io.remote());
        throw new SmbException(NtStatus.STATUS_LOGON_FAILURE, "bad mechListMIC");
      }
      mic = NtlmAuthenticator.mechListMic(a, s.mechTypes);
    }
    s.caller = new Caller(a.user().uid(), a.user().gid(), new int[0], c.io.remote().getAddress());
    s.signer = Smb2Signing.forSession(a.sessionKey(), c.dialect, s.preauthHash);
    s.signingRequired =
        server.config.signingRequired()
            || (req.securityMode() & Smb2Negotiate.SIGNING_REQUIRED) != 0;
    if (c.cipher != null) {
      s.encryption =
          Smb2Encryption.forSession(
              a.sessionKey(), c.dialect, s.preauthHash, c.cipher, server.random);
    }
    s.encryptData = server.config.encryption() == SmbServerConfig.Encryption.REQUIRED;
    s.state = Session.State.VALID;
    s.authenticator = null;
    LOG.info(
        "{} logged on from {} (dialect 0x{})",
        a.user().name(),
        c.io.remote(),
        Integer.toHexString(c.dialect));
    byte[] out = raw ? new byte[0] : Spnego.negTokenResp(Spnego.ACCEPT_COMPLETED, false, null, mic);
    ByteWriter w = new ByteWriter();
    new Smb2SessionSetupResponse(s.encryptData ? ENCRYPT_DATA : 0, out).encode(w);
    return Smb2Reply.ok(w).withSession(s.id);
  }

  private static int ntlmType(byte[] m) throws WireException {
    org.ferryfs.smb.wire.ByteReader r = new org.ferryfs.smb.wire.ByteReader(m);
    r.seek(8);
    return r.i32();
  }
}
