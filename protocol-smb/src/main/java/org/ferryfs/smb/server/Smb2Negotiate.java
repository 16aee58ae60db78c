package org.ferryfs.smb.server;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.auth.Smb2Cipher;
import org.ferryfs.smb.auth.Spnego;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2NegotiateRequest;
import org.ferryfs.smb.wire.Smb2NegotiateRequest.NegotiateContext;
import org.ferryfs.smb.wire.Smb2NegotiateResponse;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.4 Receiving an SMB2 NEGOTIATE Request. Encryption: 3.1.1 picks a cipher from the
 * client's ENCRYPTION_CAPABILITIES (AES-128-GCM before AES-128-CCM); 3.0 and 3.0.2 announce
 * SMB2_GLOBAL_CAP_ENCRYPTION (AES-128-CCM) when the client does; {@code encryption: off} offers
 * neither.
 */
final class Smb2Negotiate implements Smb2Handler {
  /** Dialects served, lowest first. */
  static final int[] DIALECTS = {0x0202, 0x0210, 0x0300, 0x0302, 0x0311};

  static final int SIGNING_ENABLED = 0x0001;
  static final int SIGNING_REQUIRED = 0x0002;
  static final int CAP_LARGE_MTU = 0x00000004;

  /** [MS-SMB2] 2.2.3 SMB2_GLOBAL_CAP_ENCRYPTION, meaningful for 3.0 and 3.0.2 only. */
  static final int CAP_ENCRYPTION = 0x00000040;

  /** [MS-SMB2] 2.2.3.1.1 HashAlgorithms: SHA-512. */
  static final int SHA_512 = 0x0001;

  /** [MS-SMB2] 2.2.3.1.7 SigningAlgorithms: AES-CMAC. */
  static final int AES_CMAC = 0x0001;

  private final ServerContext server;

  Smb2Negotiate(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException {
    SmbConnection c = r.connection;
    if (c.dialect != 0 && c.dialect != 0x02FF) {
      c.close(); // [MS-SMB2] 3.3.5.4: a second NEGOTIATE terminates the connection
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "second NEGOTIATE");
    }
    Smb2NegotiateRequest req = Smb2NegotiateRequest.decode(r.reader);
    int chosen = 0;
    for (int offered : req.dialects()) {
      for (int d : DIALECTS) {
        if (d == offered && d > chosen) {
          chosen = d;
        }
      }
    }
    if (chosen == 0) {
      throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "no common dialect");
    }
    List<NegotiateContext> out = new ArrayList<>();
    if (chosen == 0x0311) {
      boolean sha512 = false;
      boolean cmac = false;
      boolean sawSigning = false;
      List<Integer> ciphers = null;
      for (NegotiateContext ctx : req.contexts()) {
        ByteReader d = new ByteReader(ctx.data());
        if (ctx.type() == Smb2NegotiateRequest.PREAUTH_INTEGRITY_CAPABILITIES) {
          int count = d.u16();
          d.skip(2);
          for (int i = 0; i < count; i++) {
            sha512 |= d.u16() == SHA_512;
          }
        } else if (ctx.type() == Smb2NegotiateRequest.SIGNING_CAPABILITIES) {
          sawSigning = true;
          int count = d.u16();
          for (int i = 0; i < count; i++) {
            cmac |= d.u16() == AES_CMAC;
          }
        } else if (ctx.type() == Smb2NegotiateRequest.ENCRYPTION_CAPABILITIES) {
          // [MS-SMB2] 2.2.3.1.2: CipherCount (2), then Ciphers (2 each)
          int count = d.u16();
          ciphers = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            ciphers.add(d.u16());
          }
        }
      }
      if (!sha512) {
        throw new SmbException(
            NtStatus.STATUS_INVALID_PARAMETER, "3.1.1 without SHA-512 preauth integrity");
      }
      byte[] salt = new byte[32];
      server.random.nextBytes(salt);
      out.add(
          new NegotiateContext(
              Smb2NegotiateRequest.PREAUTH_INTEGRITY_CAPABILITIES,
              new ByteWriter(38).u16(1).u16(32).u16(SHA_512).bytes(salt).toByteArray()));
      if (sawSigning && cmac) {
        out.add(
            new NegotiateContext(
                Smb2NegotiateRequest.SIGNING_CAPABILITIES,
                new ByteWriter(4).u16(1).u16(AES_CMAC).toByteArray()));
      }
      if (ciphers != null && server.config.encryption() != SmbServerConfig.Encryption.OFF) {
        // [MS-SMB2] 3.3.5.4: the server's preference among the client's ciphers, or 0 if none
        Smb2Cipher chosenCipher = null;
        for (Smb2Cipher preferred : List.of(Smb2Cipher.AES_128_GCM, Smb2Cipher.AES_128_CCM)) {
          if (chosenCipher == null && ciphers.contains(preferred.id)) {
            chosenCipher = preferred;
          }
        }
        c.cipher = chosenCipher;
        out.add(
            new NegotiateContext(
                Smb2NegotiateRequest.ENCRYPTION_CAPABILITIES,
                new ByteWriter(4)
                    .u16(1)
                    .u16(chosenCipher == null ? 0 : chosenCipher.id)
                    .toByteArray()));
      }
    } else if ((chosen == 0x0300 || chosen == 0x0302)
        && (req.capabilities() & CAP_ENCRYPTION) != 0
        && server.config.encryption() != SmbServerConfig.Encryption.OFF) {
      c.cipher = Smb2Cipher.AES_128_CCM; // 3.0 and 3.0.2 know no other cipher
    }
    c.clientCapabilities = req.capabilities();
    c.clientSecurityMode = req.securityMode();
    c.clientGuid = req.clientGuid();
    c.dialect = chosen;
    return Smb2Reply.ok(new ByteWriter().bytes(response(c, server, chosen, out)));
  }

  /** The NEGOTIATE response body for {@code dialect} (also used for the SMB1 upgrade). */
  static byte[] response(
      SmbConnection c, ServerContext server, int dialect, List<NegotiateContext> contexts) {
    int securityMode = SIGNING_ENABLED | (server.config.signingRequired() ? SIGNING_REQUIRED : 0);
    int caps = dialect >= 0x0210 && dialect != 0x02FF ? CAP_LARGE_MTU : 0;
    if ((dialect == 0x0300 || dialect == 0x0302) && c.cipher != null) {
      caps |= CAP_ENCRYPTION;
    }
    int maxIo = dialect == 0x0202 ? SmbLimits.MAX_IO_2_0_2 : SmbLimits.MAX_IO;
    c.serverCapabilities = caps;
    c.serverSecurityMode = securityMode;
    ByteWriter w = new ByteWriter();
    new Smb2NegotiateResponse(
            securityMode,
            dialect,
            server.serverGuid,
            caps,
            maxIo,
            maxIo,
            maxIo,
            server.now(),
            Spnego.negTokenInit(),
            contexts)
        .encode(w);
    return w.toByteArray();
  }
}
