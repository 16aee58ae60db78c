package org.ferryfs.nfs.mount.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.rpc.portmap.Mapping;
import org.ferryfs.nfs.rpc.portmap.PortmapProgram;
import org.ferryfs.nfs.testing.RawRpc.Bytes;
import org.ferryfs.nfs.testing.XdrTesting;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.junit.jupiter.api.Test;

/** MOUNT v3 (RFC 1813 §5) and portmapper (RFC 1833) types: round trips and limits. */
class MountXdrRoundTripTest {

  @Test
  void mountTypesRoundTrip() throws IOException {
    XdrTesting.roundTrip(new Dirpath("/alpha/sub dir/ü"), Dirpath::decode);
    XdrTesting.roundTrip(Mountres3.ok(new NfsFh3(new byte[33]), 1, 6), Mountres3::decode);
    XdrTesting.roundTrip(Mountres3.fail(Mountstat3.MNT3ERR_ACCES), Mountres3::decode);
    XdrTesting.roundTrip(
        new Mountbody.Mountlist(
            List.of(new Mountbody("127.0.0.1", "/alpha"), new Mountbody("h", "/b"))),
        Mountbody.Mountlist::decode);
    XdrTesting.roundTrip(new Mountbody.Mountlist(List.of()), Mountbody.Mountlist::decode);
    XdrTesting.roundTrip(
        new Exportnode.Exports(
            List.of(
                new Exportnode("/alpha", List.of()),
                new Exportnode("/beta", List.of("10.0.0.0/8", "192.168.1.7")))),
        Exportnode.Exports::decode);
  }

  @Test
  void portmapTypesRoundTrip() throws IOException {
    XdrTesting.roundTrip(new Mapping(100003, 3, Mapping.IPPROTO_TCP, 2049), Mapping::decode);
    XdrTesting.roundTrip(
        new PortmapProgram.Pmaplist(
            List.of(new Mapping(100000, 2, 6, 111), new Mapping(100005, 3, 6, 20048))),
        PortmapProgram.Pmaplist::decode);
  }

  @Test
  void exportListBytes() {
    byte[] expected =
        new Bytes()
            .u32(1)
            .string("/a")
            .u32(1)
            .string("10.0.0.1")
            .u32(0) // end of groups
            .u32(0) // end of exports
            .toByteArray();
    assertThat(
            XdrTesting.encode(
                new Exportnode.Exports(List.of(new Exportnode("/a", List.of("10.0.0.1"))))))
        .isEqualTo(expected);
  }

  @Test
  void dirpathLongerThanMntpathlenIsNameTooLong() {
    byte[] bytes = new Bytes().string("/" + "p".repeat(1024)).toByteArray();
    assertThatThrownBy(() -> XdrTesting.decode(bytes, Dirpath::decode))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).isEqualTo(BackendStatus.NAME_TOO_LONG));
  }
}
