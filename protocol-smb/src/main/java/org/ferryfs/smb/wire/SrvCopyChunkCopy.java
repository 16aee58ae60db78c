package org.ferryfs.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.31.1 SRV_COPYCHUNK_COPY, the input of FSCTL_SRV_COPYCHUNK(_WRITE).
 *
 * @param sourceKey SourceKey (24): a resume key from FSCTL_SRV_REQUEST_RESUME_KEY
 * @param chunks the ChunkCount SRV_COPYCHUNK entries (2.2.31.1.1, 24 bytes each)
 */
public record SrvCopyChunkCopy(byte[] sourceKey, List<Chunk> chunks) {
  /** Bytes before the chunks: SourceKey (24), ChunkCount (4), Reserved (4). */
  public static final int HEADER = 32;

  /** Bytes of one SRV_COPYCHUNK. */
  public static final int CHUNK = 24;

  /**
   * [MS-SMB2] 2.2.31.1.1 SRV_COPYCHUNK.
   *
   * @param sourceOffset SourceOffset (8)
   * @param targetOffset TargetOffset (8)
   * @param length Length (4), unsigned
   */
  public record Chunk(long sourceOffset, long targetOffset, long length) {}

  /** Decodes the input; a ChunkCount the input does not hold is malformed. */
  public static SrvCopyChunkCopy decode(byte[] input) throws WireException {
    ByteReader r = new ByteReader(input);
    byte[] key = r.bytes(24);
    long count = r.u32();
    r.skip(4); // Reserved
    if (count > (input.length - HEADER) / CHUNK) {
      throw new WireException(
          "SRV_COPYCHUNK_COPY ChunkCount " + count + " in " + input.length + " bytes");
    }
    List<Chunk> chunks = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      long src = r.i64();
      long dst = r.i64();
      long len = r.u32();
      r.skip(4); // Reserved
      chunks.add(new Chunk(src, dst, len));
    }
    return new SrvCopyChunkCopy(key, chunks);
  }

  /** [MS-SMB2] 2.2.32.1 SRV_COPYCHUNK_RESPONSE (12 bytes). */
  public static byte[] response(long chunksWritten, long chunkBytesWritten, long totalBytes) {
    return new ByteWriter(12)
        .i32((int) chunksWritten)
        .i32((int) chunkBytesWritten)
        .i32((int) totalBytes)
        .toByteArray();
  }
}
