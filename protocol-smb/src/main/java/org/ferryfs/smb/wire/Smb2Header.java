package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.1 SMB2 Packet Header (64 bytes), sync (2.2.1.2) or async (2.2.1.1) form.
 *
 * @param creditCharge CreditCharge (2)
 * @param status Status (4) in replies; ChannelSequence/Reserved in requests
 * @param command Command (2), the raw code
 * @param credits CreditRequest / CreditResponse (2)
 * @param flags Flags (4)
 * @param nextCommand NextCommand (4): offset of the next compounded message, or 0
 * @param messageId MessageId (8)
 * @param asyncId AsyncId (8) when {@link #FLAGS_ASYNC_COMMAND} is set
 * @param treeId TreeId (4) in the sync form
 * @param sessionId SessionId (8)
 * @param signature Signature (16)
 */
public record Smb2Header(
    int creditCharge,
    int status,
    int command,
    int credits,
    int flags,
    int nextCommand,
    long messageId,
    long asyncId,
    int treeId,
    long sessionId,
    byte[] signature) {

  public static final int SIZE = 64;
  public static final int PROTOCOL_ID = 0x424D53FE; // 0xFE 'S' 'M' 'B', little-endian

  public static final int FLAGS_SERVER_TO_REDIR = 0x00000001;
  public static final int FLAGS_ASYNC_COMMAND = 0x00000002;
  public static final int FLAGS_RELATED_OPERATIONS = 0x00000004;
  public static final int FLAGS_SIGNED = 0x00000008;
  public static final int FLAGS_DFS_OPERATIONS = 0x10000000;
  public static final int FLAGS_REPLAY_OPERATION = 0x20000000;

  /** Offset of the Signature field inside the header. */
  public static final int SIGNATURE_OFFSET = 48;

  /** Decodes the header at the reader's position 0. */
  public static Smb2Header decode(ByteReader r) throws WireException {
    r.seek(0);
    if (r.i32() != PROTOCOL_ID) {
      throw new WireException("not an SMB2 message");
    }
    int structureSize = r.u16();
    if (structureSize != SIZE) {
      throw new WireException("SMB2 header StructureSize " + structureSize + ", must be 64");
    }
    int creditCharge = r.u16();
    int status = r.i32();
    int command = r.u16();
    int credits = r.u16();
    int flags = r.i32();
    int next = r.i32();
    long messageId = r.i64();
    long asyncId = 0;
    int treeId = 0;
    if ((flags & FLAGS_ASYNC_COMMAND) != 0) {
      asyncId = r.i64();
    } else {
      r.skip(4); // Reserved
      treeId = r.i32();
    }
    long sessionId = r.i64();
    byte[] signature = r.bytes(16);
    return new Smb2Header(
        creditCharge,
        status,
        command,
        credits,
        flags,
        next,
        messageId,
        asyncId,
        treeId,
        sessionId,
        signature);
  }

  public boolean isAsync() {
    return (flags & FLAGS_ASYNC_COMMAND) != 0;
  }

  public boolean isRelated() {
    return (flags & FLAGS_RELATED_OPERATIONS) != 0;
  }

  public boolean isDfs() {
    return (flags & FLAGS_DFS_OPERATIONS) != 0;
  }

  public boolean isSigned() {
    return (flags & FLAGS_SIGNED) != 0;
  }

  /** Writes a reply header (sync form unless {@link #FLAGS_ASYNC_COMMAND} is in {@code flags}). */
  public void encode(ByteWriter w) {
    w.i32(PROTOCOL_ID).u16(SIZE).u16(creditCharge).i32(status).u16(command).u16(credits);
    w.i32(flags).i32(nextCommand).i64(messageId);
    if ((flags & FLAGS_ASYNC_COMMAND) != 0) {
      w.i64(asyncId);
    } else {
      w.i32(0).i32(treeId);
    }
    w.i64(sessionId);
    w.bytes(signature == null ? new byte[16] : signature);
  }
}
