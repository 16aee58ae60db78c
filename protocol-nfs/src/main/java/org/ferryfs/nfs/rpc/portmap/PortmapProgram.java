package org.ferryfs.nfs.rpc.portmap;

import java.io.IOException;
import java.util.List;
import java.util.function.IntSupplier;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.rpc.RpcProgram;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * A read-only portmapper, RFC 1833 §3 program 100000 version 2, answering for a fixed set of
 * mappings: NULL, GETPORT and DUMP answer; SET and UNSET answer FALSE (nobody may register here);
 * CALLIT is PROC_UNAVAIL (an indirect call would make us an amplifier).
 */
public final class PortmapProgram implements RpcProgram {

  /** RFC 1833 §3.2: PMAP_PROG. */
  public static final int PROGRAM = 100000;

  /** RFC 1833 §3.2: PMAP_VERS. */
  public static final int VERSION = 2;

  /** RFC 1833 §3.2: the portmapper's well-known port. */
  public static final int PORT = 111;

  private final IntSupplier ownPort;
  private final List<Mapping> mappings;

  /**
   * @param ownPort the port this portmapper is served on (asked lazily: it may be bound later)
   * @param mappings what GETPORT and DUMP report, besides the portmapper itself
   */
  public PortmapProgram(IntSupplier ownPort, List<Mapping> mappings) {
    this.ownPort = ownPort;
    this.mappings = List.copyOf(mappings);
  }

  @Override
  public int number() {
    return PROGRAM;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public String name() {
    return "PORTMAP";
  }

  /** Every mapping, the portmapper's own first. */
  List<Mapping> all() {
    List<Mapping> all = new java.util.ArrayList<>(mappings.size() + 1);
    all.add(new Mapping(PROGRAM, VERSION, Mapping.IPPROTO_TCP, ownPort.getAsInt()));
    all.addAll(mappings);
    return all;
  }

  @Override
  public RpcProcedure<?> procedure(int procedure) {
    return switch (procedure) {
      case 0 -> new Proc<Void>("PMAPPROC_NULL", in -> null, args -> VOID);
      case 1 -> new Proc<>("PMAPPROC_SET", Mapping::decode, args -> BOOL_FALSE);
      case 2 -> new Proc<>("PMAPPROC_UNSET", Mapping::decode, args -> BOOL_FALSE);
      case 3 -> new Proc<>("PMAPPROC_GETPORT", Mapping::decode, this::getport);
      case 4 -> new Proc<Void>("PMAPPROC_DUMP", in -> null, args -> new Pmaplist(all()));
      default -> null; // 5 PMAPPROC_CALLIT is deliberately not served
    };
  }

  /** RFC 1833 §3.2 PMAPPROC_GETPORT: the port, or 0 if not registered; arg's port ignored. */
  private XdrType getport(Mapping query) {
    for (Mapping m : all()) {
      if (m.prog() == query.prog() && m.vers() == query.vers() && m.prot() == query.prot()) {
        return new UnsignedInt(m.port());
      }
    }
    return new UnsignedInt(0);
  }

  private static final XdrType VOID = out -> {};
  private static final XdrType BOOL_FALSE = out -> out.xdrEncodeBoolean(false);

  /** An {@code unsigned int} result. */
  record UnsignedInt(int value) implements XdrType {
    @Override
    public void encode(XdrEncodingStream out) {
      out.xdrEncodeInt(value);
    }
  }

  /** RFC 1833 §3.1 {@code pmaplist}: an optional-data list of mappings. */
  public record Pmaplist(List<Mapping> mappings) implements XdrType {
    public static Pmaplist decode(XdrDecodingStream in) throws IOException {
      return new Pmaplist(Xdrs.list(in, Mapping::decode, 1024, "pmaplist"));
    }

    @Override
    public void encode(XdrEncodingStream out) {
      Xdrs.list(out, mappings);
    }
  }

  @FunctionalInterface
  private interface Body<A> {
    XdrType apply(A args);
  }

  @FunctionalInterface
  private interface Decoder<A> {
    A decode(XdrDecodingStream in) throws IOException;
  }

  /** One portmapper procedure: it has no status, so failures are SYSTEM_ERR. */
  private record Proc<A>(String name, Decoder<A> decoder, Body<A> body) implements RpcProcedure<A> {
    @Override
    public A decode(XdrDecodingStream in) throws IOException {
      return decoder.decode(in);
    }

    @Override
    public XdrType execute(RpcCallContext context, A args) {
      return body.apply(args);
    }

    @Override
    public XdrType failure(BackendStatus status) {
      return null;
    }
  }
}
