package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.time.Instant;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code nfstime3}: seconds and nanoseconds since 1970-01-01 UTC.
 *
 * @param seconds unsigned 32-bit seconds (4 bytes)
 * @param nseconds unsigned 32-bit nanoseconds (4 bytes); a valid time has fewer than 10^9
 */
public record Nfstime3(long seconds, long nseconds) implements XdrType {

  public static final Nfstime3 ZERO = new Nfstime3(0, 0);

  public Nfstime3 {
    if (seconds < 0 || seconds > 0xFFFF_FFFFL || nseconds < 0 || nseconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("nfstime3 fields are unsigned 32-bit values");
    }
  }

  /** The time, clamped to what 32 unsigned bits of seconds can hold (1970 … 2106). */
  public static Nfstime3 of(Instant t) {
    long s = t.getEpochSecond();
    if (s < 0) {
      return ZERO;
    }
    if (s > 0xFFFF_FFFFL) {
      return new Nfstime3(0xFFFF_FFFFL, 999_999_999);
    }
    return new Nfstime3(s, t.getNano());
  }

  /** True if {@code nseconds} is below 10^9. */
  public boolean isValid() {
    return nseconds < 1_000_000_000L;
  }

  public Instant toInstant() {
    return Instant.ofEpochSecond(seconds, nseconds);
  }

  public static Nfstime3 decode(XdrDecodingStream in) throws IOException {
    return new Nfstime3(Xdrs.uint32(in), Xdrs.uint32(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt((int) seconds);
    out.xdrEncodeInt((int) nseconds);
  }
}
