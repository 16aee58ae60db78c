package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.FileService;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.SmbUser;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.FsccDirectoryInfo;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2FileId;
import org.ferryfs.smb.wire.Smb2Header;
import org.ferryfs.smb.wire.Smb2QueryDirectoryRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * [MS-SMB2] 3.3.5.18 QUERY_DIRECTORY against a directory of {@value #FILES} files held by a
 * counting facade: a pattern without wildcards is one LOOKUP, not a scan of the directory; the
 * answers stay those of the scan (case-insensitive match, NO_SUCH_FILE, NO_MORE_FILES).
 */
class Smb2QueryDirectoryTest {
  static final int FILES = 300;
  static final FileRef DIR = new FileRef(1, 1, 0);

  final List<String> names = new ArrayList<>();
  int lookups;
  int readdirs;
  SmbConnection connection;
  Session session;
  TreeConnect tree;
  Open dir;

  static FileAttributes attrs(long id, FileType type) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new FileAttributes(type, 0644, 1, 0, 0, 64, 4096, 0, 0, id, t, t, t, t);
  }

  /** The facade: readdir and lookup over {@link #names}, counted; nothing else is called. */
  FileService files() {
    return (FileService)
        Proxy.newProxyInstance(
            FileService.class.getClassLoader(),
            new Class<?>[] {FileService.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "lookup" -> {
                    lookups++;
                    int i = names.indexOf((String) args[2]);
                    if (i < 0) {
                      throw new BackendException(BackendStatus.NOT_FOUND, "no " + args[2]);
                    }
                    yield new Lookup(new FileRef(1, 10 + i, 0), attrs(10 + i, FileType.REGULAR));
                  }
                  case "readdir" -> {
                    readdirs++;
                    long cookie = (Long) args[2];
                    int max = (Integer) args[4];
                    List<DirPage.Entry> page = new ArrayList<>();
                    int from = (int) cookie;
                    for (int i = from; i < names.size() && page.size() < max; i++) {
                      page.add(
                          new DirPage.Entry(
                              names.get(i),
                              i + 1,
                              10 + i,
                              new FileRef(1, 10 + i, 0),
                              attrs(10 + i, FileType.REGULAR)));
                    }
                    boolean eof = from + page.size() >= names.size();
                    yield new DirPage(page, eof, 7, attrs(1, FileType.DIRECTORY));
                  }
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }

  @BeforeEach
  void setUp() {
    for (int i = 0; i < FILES; i++) {
      names.add(String.format(Locale.ROOT, "f%05d", i));
    }
    ServerContext server =
        new ServerContext(
            files(),
            SmbServerConfig.of(
                InetAddress.getLoopbackAddress(),
                0,
                true,
                List.of(SmbUser.withPassword("alice", "Secret-1", 0, 0))),
            Clock.systemUTC());
    connection = new SmbConnection(server, new SmbConnectionTest.FakeIo());
    session = new Session(5);
    session.caller = new Caller(0, 0, new int[0], InetAddress.getLoopbackAddress());
    tree = new TreeConnect(3, "alpha", DIR, false);
    dir = new Open(new Smb2FileId(21, 22), 5, 3, DIR, true, 0x1, null, "", "");
    connection.opens.put(22L, dir);
  }

  /** Runs one QUERY_DIRECTORY (FileNamesInformation) and returns the names it answered. */
  List<String> query(String pattern, int flags) throws Exception {
    byte[] name = pattern.getBytes(StandardCharsets.UTF_16LE);
    ByteWriter w = SmbConnectionTest.header(14, 9, 5);
    w.u16(33).u8(FsccDirectoryInfo.FILE_NAMES_INFORMATION).u8(flags).i32(0);
    w.i64(21).i64(22);
    w.u16(Smb2Header.SIZE + 32).u16(name.length).i32(65536).bytes(name);
    byte[] raw = w.toByteArray();
    Smb2Request r =
        new Smb2Request(
            connection, Smb2Header.decode(new ByteReader(raw)), raw, session, tree, null, 0);
    Smb2Reply reply = new Smb2QueryDirectory(connection.server).handle(r);
    assertThat(reply.status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    // QUERY_DIRECTORY Response ([MS-SMB2] 2.2.34): StructureSize 9, OutputBufferOffset,
    // OutputBufferLength, then FILE_NAMES_INFORMATION entries ([MS-FSCC] 2.4.28).
    ByteReader b = new ByteReader(reply.body());
    b.skip(2);
    int off = b.u16() - Smb2Header.SIZE;
    List<String> out = new ArrayList<>();
    int at = off;
    while (true) {
      b.seek(at);
      int next = b.i32();
      b.skip(4);
      int len = b.i32();
      byte[] n = new byte[len];
      for (int i = 0; i < len; i++) {
        n[i] = (byte) b.u8();
      }
      out.add(new String(n, StandardCharsets.UTF_16LE));
      if (next == 0) {
        return out;
      }
      at += next;
    }
  }

  @Test
  void aPatternWithoutWildcardsIsOneLookupNotAScan() throws Exception {
    assertThat(query("f00123", Smb2QueryDirectoryRequest.RESTART_SCANS)).containsExactly("f00123");
    assertThat(lookups).isEqualTo(1);
    assertThat(readdirs).isZero();
    assertThatThrownBy(() -> query("f00123", 0))
        .isInstanceOfSatisfying(
            SmbException.class,
            e -> assertThat(e.status()).isEqualTo(NtStatus.STATUS_NO_MORE_FILES));
    assertThat(readdirs).isZero();
  }

  @Test
  void aNameInAnotherCaseIsStillFoundByTheScan() throws Exception {
    assertThat(query("F00123", Smb2QueryDirectoryRequest.RESTART_SCANS)).containsExactly("f00123");
    assertThat(lookups).isEqualTo(1);
    assertThat(readdirs).isPositive();
  }

  @Test
  void anAbsentNameIsNoSuchFile() throws Exception {
    assertThatThrownBy(() -> query("nothing", Smb2QueryDirectoryRequest.RESTART_SCANS))
        .isInstanceOfSatisfying(
            SmbException.class,
            e -> assertThat(e.status()).isEqualTo(NtStatus.STATUS_NO_SUCH_FILE));
  }

  @Test
  void wildcardsScanAndNeverLookUp() throws Exception {
    assertThat(query("f0012?", Smb2QueryDirectoryRequest.RESTART_SCANS))
        .containsExactly(
            "f00120", "f00121", "f00122", "f00123", "f00124", "f00125", "f00126", "f00127",
            "f00128", "f00129");
    assertThat(query("f0029<", Smb2QueryDirectoryRequest.RESTART_SCANS)).hasSize(10);
    assertThat(lookups).isZero();
    assertThat(readdirs).isPositive();
  }

  @Test
  void onlyPatternsWithoutWildcardsAreLiteral() {
    assertThat(Smb2QueryDirectory.isLiteral("f00001")).isTrue();
    assertThat(Smb2QueryDirectory.isLiteral("a b.txt")).isTrue();
    for (String p : List.of("*", "f*", "f?", "f<", "f>", "f\"txt", ".", "..")) {
      assertThat(Smb2QueryDirectory.isLiteral(p)).as(p).isFalse();
    }
  }
}
