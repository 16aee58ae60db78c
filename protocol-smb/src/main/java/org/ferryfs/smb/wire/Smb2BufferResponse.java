package org.ferryfs.smb.wire;

/**
 * The replies that are StructureSize 9, OutputBufferOffset (2), OutputBufferLength (4), Buffer:
 * [MS-SMB2] 2.2.34 QUERY_DIRECTORY Response and 2.2.38 QUERY_INFO Response.
 */
public final class Smb2BufferResponse {
  private Smb2BufferResponse() {}

  public static void encode(ByteWriter w, byte[] buffer) {
    w.u16(9).u16(buffer.length == 0 ? 0 : Smb2Header.SIZE + 8).i32(buffer.length);
    w.bytes(buffer);
  }
}
