package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrException;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code set_atime} / {@code set_mtime}: a {@code time_how} (4 bytes) and, for
 * SET_TO_CLIENT_TIME, an {@code nfstime3} (8 bytes).
 *
 * @param how what to do
 * @param time the client's time, only with {@link How#SET_TO_CLIENT_TIME}
 */
public record SetTime3(How how, Nfstime3 time) implements XdrType {

  /** RFC 1813 §2.6 {@code enum time_how}. */
  public enum How {
    DONT_CHANGE,
    SET_TO_SERVER_TIME,
    SET_TO_CLIENT_TIME
  }

  public static final SetTime3 DONT_CHANGE = new SetTime3(How.DONT_CHANGE, null);
  public static final SetTime3 SERVER_TIME = new SetTime3(How.SET_TO_SERVER_TIME, null);

  public SetTime3 {
    if ((how == How.SET_TO_CLIENT_TIME) != (time != null)) {
      throw new IllegalArgumentException("a time goes with SET_TO_CLIENT_TIME and only with it");
    }
  }

  public static SetTime3 client(Nfstime3 time) {
    return new SetTime3(How.SET_TO_CLIENT_TIME, time);
  }

  public static SetTime3 decode(XdrDecodingStream in) throws IOException {
    int how = in.xdrDecodeInt();
    return switch (how) {
      case 0 -> DONT_CHANGE;
      case 1 -> SERVER_TIME;
      case 2 -> client(Nfstime3.decode(in));
      default -> throw new XdrException("time_how must be 0..2 (RFC 1813 §2.6), got " + how);
    };
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(how.ordinal());
    if (time != null) {
      time.encode(out);
    }
  }
}
