package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.31 SMB2 IOCTL Request.
 *
 * @param ctlCode CtlCode (4)
 * @param fileId FileId (16)
 * @param input the InputCount bytes at InputOffset
 * @param maxOutputResponse MaxOutputResponse (4)
 * @param flags Flags (4): 0x1 IS_FSCTL
 */
public record Smb2IoctlRequest(
    int ctlCode, Smb2FileId fileId, byte[] input, long maxOutputResponse, int flags) {
  public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
  public static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
  static final int MAX_INPUT = 65536;

  public static Smb2IoctlRequest decode(ByteReader r) throws WireException {
    Body.start(r, 57, "IOCTL");
    r.skip(2);
    int code = r.i32();
    Smb2FileId id = Smb2FileId.decode(r);
    long inOff = r.u32();
    long inCount = r.u32();
    r.skip(4 + 4 + 4); // MaxInputResponse, OutputOffset, OutputCount
    long maxOut = r.u32();
    int flags = r.i32();
    if (inCount > MAX_INPUT) {
      throw new WireException("IOCTL input of " + inCount + " bytes");
    }
    return new Smb2IoctlRequest(code, id, r.slice(inOff, inCount), maxOut, flags);
  }
}
