package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.FileService;
import org.ferryfs.smb.wire.AccessMask;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2FileId;
import org.ferryfs.smb.wire.Smb2Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QUERY_DIRECTORY ([MS-SMB2] 3.3.5.18) continuing an enumeration over a directory that changes:
 * entries deleted after an earlier response are not returned (smbtorture smb2.dir.fixed), and
 * nothing that stayed is skipped or repeated. The core's listing is faked: cookies in name order,
 * "after cookie c" means greater than c, as the core's DirectoryLister promises.
 */
class QueryDirectoryTest {
  private static final int QUERY_DIRECTORY = 14;
  private static final int SINGLE = 0x02;

  private final TreeMap<Long, String> dir = new TreeMap<>();
  private LoggedOn on;

  private FileService listing() {
    Instant t = Instant.EPOCH;
    FileAttributes file =
        new FileAttributes(FileType.REGULAR, 0644, 1, 0, 0, 0, 0, 0, 0, 9, t, t, t, t);
    return (FileService)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FileService.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("readdir")) {
                throw new UnsupportedOperationException(method.getName());
              }
              long cookie = (Long) args[2];
              int max = (Integer) args[4];
              List<DirPage.Entry> out = new ArrayList<>();
              for (Map.Entry<Long, String> e : dir.tailMap(cookie, false).entrySet()) {
                if (out.size() == max) {
                  return new DirPage(out, false, 77, file);
                }
                out.add(
                    new DirPage.Entry(
                        e.getValue(), e.getKey(), e.getKey(), new FileRef(0, e.getKey(), 1), file));
              }
              return new DirPage(out, true, 77, file);
            });
  }

  @BeforeEach
  void setUp() throws Exception {
    for (String n : List.of("a", "b", "c", "d", "e")) {
      dir.put((long) (n.charAt(0) - 'a' + 3), n);
    }
    on =
        new LoggedOn(
            new ServerContext(
                listing(), SmbConnectionTest.SERVER.config, java.time.Clock.systemUTC()));
    Open d =
        new Open(
            new Smb2FileId(50, 50),
            on.sid,
            LoggedOn.TREE,
            new FileRef(0, 2, 1),
            true,
            AccessMask.FILE_ALL_ACCESS,
            null,
            "d",
            "d");
    on.c.opens.put(50L, d);
  }

  private static byte[] query(int flags) {
    byte[] pattern = "*".getBytes(StandardCharsets.UTF_16LE);
    return new ByteWriter()
        .u16(33)
        .u8(12) // FileNamesInformation
        .u8(flags)
        .i32(0)
        .i64(50)
        .i64(50)
        .u16(64 + 32)
        .u16(pattern.length)
        .i32(65536)
        .bytes(pattern)
        .toByteArray();
  }

  /** The names in one response, or the status if it failed. */
  private List<String> names(int flags) throws Exception {
    byte[] r = on.send(new LoggedOn.Part(QUERY_DIRECTORY, on.sid, false, query(flags))).get(0);
    Smb2Header h = Smb2Header.decode(new ByteReader(r));
    if (h.status() != NtStatus.STATUS_SUCCESS) {
      return List.of("status 0x" + Integer.toHexString(h.status()));
    }
    ByteReader in = new ByteReader(r);
    in.seek(64 + 2);
    int off = in.u16();
    List<String> out = new ArrayList<>();
    while (true) {
      in.seek(off);
      int next = in.i32();
      in.skip(4);
      int len = in.i32();
      out.add(in.utf16(off + 12, len));
      if (next == 0) {
        return out;
      }
      off += next;
    }
  }

  private static final String NO_MORE_FILES =
      "status 0x" + Integer.toHexString(NtStatus.STATUS_NO_MORE_FILES);

  @Test
  void entriesDeletedAfterAnEarlierResponseAreNotReturned() throws Exception {
    assertThat(names(SINGLE)).containsExactly("a");
    dir.keySet().removeIf(c -> c > 3); // another open deletes b..e
    assertThat(names(0)).containsExactly(NO_MORE_FILES);
  }

  @Test
  void continuingNeitherSkipsNorRepeatsWhatStayed() throws Exception {
    assertThat(names(SINGLE)).containsExactly("a");
    dir.remove(5L); // c goes
    assertThat(names(SINGLE)).containsExactly("b");
    assertThat(names(0)).containsExactly("d", "e");
    assertThat(names(0)).containsExactly(NO_MORE_FILES);
  }
}
