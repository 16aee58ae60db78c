package org.ferryfs.backend.smb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.ShareAccess;
import org.ferryfs.backend.testing.ExternalProcess;
import org.ferryfs.backend.testing.SambaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SMB driver has: URL and option checks, logon failures, large I/O, share modes and
 * byte-range locks seen by an independent SMB client, a backend restart, a frozen backend, and two
 * smbd heads on one directory.
 */
class SmbDriverTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static Path tmp;
  private static SambaServer smbd;
  private static Backend backend;

  @TempDir Path own;

  @BeforeAll
  static void start() throws Exception {
    SambaServer.requireInstalled();
    tmp = Files.createTempDirectory("ferry-smb-driver");
    smbd = SambaServer.start(tmp.resolve("smbd"), tmp.resolve("share"), 0);
    backend = new SmbDriver().open(config(smbd.url(), credentials(), TIMEOUT));
  }

  @AfterAll
  static void stop() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (smbd != null) {
      smbd.close();
    }
    if (tmp != null) {
      SmbTesting.deleteTree(tmp);
    }
  }

  private static Map<String, String> credentials() {
    return Map.of("username", SambaServer.USER, "password", SambaServer.PASSWORD);
  }

  private static BackendConfig config(String url, Map<String, String> options, Duration timeout) {
    return new BackendConfig("b1", URI.create(url), options, timeout);
  }

  private static BackendException openFails(String url, Map<String, String> options) {
    try {
      Backend b = new SmbDriver().open(config(url, options, TIMEOUT));
      b.close();
    } catch (BackendException e) {
      return e;
    }
    throw new AssertionError("opening " + url + " succeeded");
  }

  // ---------------------------------------------------------------------------------------------
  // configuration

  @Test
  void malformedUrlsAreRefusedWithOneLineNamingTheBackend() {
    String port = ":" + smbd.port();
    for (String url :
        new String[] {
          "smb://127.0.0.1" + port,
          "smb://127.0.0.1" + port + "/",
          "smb:///share",
          "smb://127.0.0.1" + port + "/share?x=1",
          "smb://127.0.0.1" + port + "/share#frag",
          "smb://127.0.0.1" + port + "/share/a/../b",
          "smb://127.0.0.1" + port + "/share/a:b",
          "file:///srv/a"
        }) {
      BackendException e = openFails(url, credentials());
      assertThat(e.status()).as(url).isEqualTo(BackendStatus.INVALID_ARGUMENT);
      assertThat(e.getMessage()).as(url).contains("backend 'b1'").doesNotContain("\n");
    }
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutPrintingThem() {
    BackendException e =
        openFails("smb://smbtest:s3cr3t-pw@127.0.0.1:" + smbd.port() + "/share", Map.of());
    assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("backend 'b1'").contains("username and password options");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-pw");
  }

  @Test
  void unknownOptionsAreNamedButTheirValuesNeverPrinted() {
    Map<String, String> options = new HashMap<>(credentials());
    options.put("passwd", "s3cr3t-pw");
    BackendException e = openFails(smbd.url(), options);
    assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("backend 'b1'").contains("[passwd]");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-pw").doesNotContain(SambaServer.PASSWORD);

    BackendException noUser = openFails(smbd.url(), Map.of("password", "s3cr3t-pw"));
    assertThat(noUser.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(noUser.getMessage()).contains("without a username").doesNotContain("s3cr3t-pw");
  }

  @Test
  void aWrongPasswordIsAccessDeniedAtOpenWithAClearMessage() {
    BackendException e =
        openFails(smbd.url(), Map.of("username", SambaServer.USER, "password", "not-the-pw-42"));
    assertThat(e.status()).isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(e.getMessage())
        .contains("backend 'b1'")
        .contains("refused the configured account")
        .doesNotContain("not-the-pw-42");
  }

  @Test
  void aMissingShareOrSubpathIsNotFoundAndAnUnreachableServerUnavailable() throws Exception {
    BackendException share = openFails(smbd.url() + "-nope", credentials());
    assertThat(share.status()).isEqualTo(BackendStatus.NOT_FOUND);
    assertThat(share.getMessage()).contains("no share");

    BackendException sub = openFails(smbd.url() + "/no/such/dir", credentials());
    assertThat(sub.status()).isEqualTo(BackendStatus.NOT_FOUND);

    int closed = ExternalProcess.freePort();
    BackendException down = openFails("smb://127.0.0.1:" + closed + "/share", credentials());
    assertThat(down.status()).isEqualTo(BackendStatus.UNAVAILABLE);
    assertThat(down.getMessage()).contains("backend 'b1'").contains("cannot connect");
  }

  @Test
  void aSubpathUrlRootsTheBackendThere() throws Exception {
    Files.createDirectories(smbd.shareDir().resolve("sub/dir"));
    Files.writeString(smbd.shareDir().resolve("sub/dir/hello"), "hi");
    try (Backend b = new SmbDriver().open(config(smbd.url() + "/sub", credentials(), TIMEOUT));
        BackendExport e = b.export("/dir", false)) {
      assertThat(e.list("")).extracting(d -> d.name()).containsExactly("hello");
      assertThat(e.describe()).endsWith("/share/sub/dir");
      assertThatThrownBy(() -> b.export("/missing", false))
          .isInstanceOfSatisfying(
              BackendException.class,
              x -> assertThat(x.status()).isEqualTo(BackendStatus.NOT_FOUND));
      b.probe();
    }
  }

  @Test
  void namesSmbCannotCarryAreRefusedBeforeAnythingIsSent() throws Exception {
    try (BackendExport e = backend.export("/names", true)) {
      for (String bad :
          new String[] {"a\\b", "a:b", "a*b", "a?b", "a|b", "a<b", "a\"b", "a\u0001b"}) {
        assertThatThrownBy(() -> e.create(bad, SetAttributes.NONE, true))
            .as(bad)
            .isInstanceOfSatisfying(
                BackendException.class,
                x -> assertThat(x.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT));
      }
      assertThat(e.list("")).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // I/O

  @Test
  void largeIoRoundTripsInRequestsOfAtLeastOneMebibyte() throws Exception {
    SmbConnector.Live live = ((SmbBackend) backend).connector().live();
    assertThat(live.readSize()).isGreaterThanOrEqualTo(1 << 20);
    assertThat(live.writeSize()).isGreaterThanOrEqualTo(1 << 20);

    byte[] data = new byte[4 * 1024 * 1024 + 77];
    new Random(7).nextBytes(data);
    try (BackendExport e = backend.export("/large", true)) {
      e.create("big", SetAttributes.NONE, true);
      try (BackendHandle h = e.open("big", OpenMode.READ_WRITE)) {
        assertThat(h.write(0, ByteBuffer.wrap(data))).isEqualTo(data.length);
        h.sync();
        ByteBuffer back = ByteBuffer.allocate(data.length);
        assertThat(h.read(0, back)).isEqualTo(data.length);
        assertThat(sha256(back.array())).isEqualTo(sha256(data));
      }
      // and the server's own file holds the same bytes
      assertThat(sha256(Files.readAllBytes(smbd.shareDir().resolve("large/big"))))
          .isEqualTo(sha256(data));
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  // ---------------------------------------------------------------------------------------------
  // share modes and byte-range locks, as another SMB client of the same smbd sees them

  /** A plain smbj client, not through the driver. */
  private static final class OtherClient implements AutoCloseable {
    final SMBClient client =
        new SMBClient(SmbConfig.builder().withTimeout(10, TimeUnit.SECONDS).build());
    final Connection connection;
    final Session session;
    final DiskShare share;

    OtherClient(SambaServer s) throws Exception {
      connection = client.connect("127.0.0.1", s.port());
      session =
          connection.authenticate(
              new AuthenticationContext(SambaServer.USER, SambaServer.PASSWORD.toCharArray(), ""));
      share = (DiskShare) session.connectShare(SambaServer.SHARE);
    }

    File open(String path, Set<AccessMask> access, Set<SMB2ShareAccess> shareAccess) {
      return share.openFile(path, access, null, shareAccess, SMB2CreateDisposition.FILE_OPEN, null);
    }

    @Override
    public void close() throws Exception {
      share.close();
      session.close();
      connection.close();
      client.close();
    }
  }

  private static NtStatus statusOf(Runnable call) {
    try {
      call.run();
    } catch (SMBApiException e) {
      return e.getStatus();
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void shareModesAreEnforcedAgainstTheServersOtherClients() throws Exception {
    try (BackendExport e = backend.export("/modes", true);
        OtherClient other = new OtherClient(smbd)) {
      e.create("f", SetAttributes.NONE, true);
      Set<AccessMask> rw = EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA);
      // Ferry's open denies writers: the other client cannot open for writing, but may read
      try (BackendHandle h = e.open("f", OpenMode.READ_WRITE, EnumSet.of(ShareAccess.READ))) {
        assertThat(statusOf(() -> other.open("modes\\f", rw, SMB2ShareAccess.ALL)))
            .isEqualTo(NtStatus.STATUS_SHARING_VIOLATION);
        try (File reader =
            other.open("modes\\f", EnumSet.of(AccessMask.FILE_READ_DATA), SMB2ShareAccess.ALL)) {
          assertThat(reader.getFileId()).isNotNull();
        }
        h.write(0, ByteBuffer.wrap("x".getBytes(UTF_8)));
      }
      // the other client denies writers: Ferry cannot open for writing, but may read
      try (File held =
          other.open(
              "modes\\f",
              EnumSet.of(AccessMask.FILE_READ_DATA),
              EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ))) {
        assertThatThrownBy(() -> e.open("f", OpenMode.READ_WRITE))
            .isInstanceOfSatisfying(
                BackendException.class,
                x -> assertThat(x.status()).isEqualTo(BackendStatus.SHARING_VIOLATION));
        try (BackendHandle r = e.open("f", OpenMode.READ, EnumSet.allOf(ShareAccess.class))) {
          assertThat(r.read(0, ByteBuffer.allocate(4))).isEqualTo(1);
        }
        // attributes stay readable: no share mode blocks them
        assertThat(e.getattr("f").size()).isEqualTo(1);
        assertThat(held.getFileId()).isNotNull();
      }
      // with the other open gone, writing works again
      try (BackendHandle h = e.open("f", OpenMode.READ_WRITE)) {
        h.write(1, ByteBuffer.wrap("y".getBytes(UTF_8)));
      }
    }
  }

  @Test
  void byteRangeLocksAreSeenByTheServersOtherClients() throws Exception {
    try (BackendExport e = backend.export("/locks", true);
        OtherClient other = new OtherClient(smbd)) {
      e.create("f", SetAttributes.NONE.withSize(1000L), true);
      Set<AccessMask> rw = EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA);
      try (BackendHandle h = e.open("f", OpenMode.READ_WRITE);
          File theirs = other.open("locks\\f", rw, SMB2ShareAccess.ALL)) {
        h.lock(0, 100, true);
        // their lock on the range is refused at once, and so is their write into it
        assertThat(statusOf(() -> theirs.requestLock().exclusiveLock(50, 10, true).send()))
            .isEqualTo(NtStatus.STATUS_LOCK_NOT_GRANTED);
        assertThat(statusOf(() -> theirs.write(new byte[] {1}, 10)))
            .isEqualTo(NtStatus.STATUS_FILE_LOCK_CONFLICT);
        // outside the range they are free
        theirs.requestLock().exclusiveLock(200, 10, true).send();
        assertThatThrownBy(() -> h.lock(205, 1, false))
            .isInstanceOfSatisfying(
                BackendException.class,
                x -> assertThat(x.status()).isEqualTo(BackendStatus.LOCKED));
        h.unlock(0, 100);
        theirs.requestLock().exclusiveLock(50, 10, true).send();
        theirs.requestLock().unlock(50, 10).send();
        theirs.requestLock().unlock(200, 10).send();
        // shared locks share; "to the end and beyond" works
        h.lock(0, Long.MAX_VALUE, false);
        theirs.requestLock().sharedLock(500, 10, true).send();
        assertThat(statusOf(() -> theirs.requestLock().exclusiveLock(600, 10, true).send()))
            .isEqualTo(NtStatus.STATUS_LOCK_NOT_GRANTED);
        theirs.requestLock().unlock(500, 10).send();
        h.unlock(0, Long.MAX_VALUE);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // failures of the backend

  @Test
  void aKilledServerFailsCallsQuicklyAndTheSameExportWorksAfterItRestarts() throws Exception {
    try (SambaServer s = SambaServer.start(own.resolve("smbd"), own.resolve("share"), 0);
        Backend b = new SmbDriver().open(config(s.url(), credentials(), TIMEOUT));
        BackendExport e = b.export("/x", true)) {
      e.create("f", SetAttributes.NONE, true);
      BackendHandle plain = e.open("f", OpenMode.READ_WRITE);
      plain.write(0, ByteBuffer.wrap("before".getBytes(UTF_8)));
      BackendHandle locked = e.open("f", OpenMode.READ_WRITE);
      locked.lock(0, 1, true);

      s.kill();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      BackendException failure = null;
      while (failure == null) {
        long start = System.nanoTime();
        try {
          e.getattr("f");
        } catch (BackendException x) {
          failure = x;
          assertThat(Duration.ofNanos(System.nanoTime() - start))
              .isLessThan(TIMEOUT.plusSeconds(2));
        }
        assertThat(System.nanoTime()).as("calls keep succeeding").isLessThan(deadline);
      }
      assertThat(failure.status()).isIn(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT);
      assertThatThrownBy(b::probe)
          .isInstanceOfSatisfying(
              BackendException.class,
              x -> assertThat(x.status()).isIn(BackendStatus.UNAVAILABLE, BackendStatus.TIMED_OUT));

      s.restart();
      deadline = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        try {
          assertThat(e.getattr("f").size()).isEqualTo(6);
          break;
        } catch (BackendException x) {
          assertThat(System.nanoTime()).as("no recovery: " + x).isLessThan(deadline);
        }
      }
      b.probe();
      assertThat(e.list("")).extracting(d -> d.name()).containsExactly("f");
      // an open without locks is reopened on the new connection; one with locks lost them
      ByteBuffer dst = ByteBuffer.allocate(6);
      assertThat(plain.read(0, dst)).isEqualTo(6);
      assertThat(new String(dst.array(), UTF_8)).isEqualTo("before");
      assertThatThrownBy(() -> locked.read(0, ByteBuffer.allocate(1)))
          .isInstanceOfSatisfying(
              BackendException.class, x -> assertThat(x.status()).isEqualTo(BackendStatus.STALE));
      plain.close();
      locked.close();
    }
  }

  @Test
  void aFrozenServerTimesCallsOutWithinTheCallTimeout() throws Exception {
    try (SambaServer s = SambaServer.start(own.resolve("smbd"), own.resolve("share"), 0);
        Backend b = new SmbDriver().open(config(s.url(), credentials(), Duration.ofSeconds(1)));
        BackendExport e = b.export("/x", true)) {
      e.create("f", SetAttributes.NONE, true);
      s.pause();
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> e.getattr("f"))
            .isInstanceOfSatisfying(
                BackendException.class,
                x -> assertThat(x.status()).isEqualTo(BackendStatus.TIMED_OUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      } finally {
        s.resume();
      }
      // the timed-out connection is dropped; the next call connects again
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (true) {
        try {
          assertThat(e.getattr("f").size()).isZero();
          break;
        } catch (BackendException x) {
          assertThat(System.nanoTime()).as("no recovery: " + x).isLessThan(deadline);
        }
      }
    }
  }

  @Test
  void aServerRequiringSigningAndEncryptionIsServed() throws Exception {
    String strict = "server signing = mandatory\nserver smb encrypt = required\n";
    try (SambaServer s = SambaServer.start(own.resolve("smbd"), own.resolve("share"), 0, strict);
        Backend b = new SmbDriver().open(config(s.url(), credentials(), TIMEOUT));
        BackendExport e = b.export("/x", true)) {
      byte[] data = new byte[3 * 1024 * 1024 + 5];
      new Random(3).nextBytes(data);
      e.create("f", SetAttributes.NONE, true);
      try (BackendHandle h = e.open("f", OpenMode.READ_WRITE)) {
        h.write(0, ByteBuffer.wrap(data));
        ByteBuffer back = ByteBuffer.allocate(data.length);
        assertThat(h.read(0, back)).isEqualTo(data.length);
        assertThat(sha256(back.array())).isEqualTo(sha256(data));
      }
      assertThat(sha256(Files.readAllBytes(s.shareDir().resolve("x/f")))).isEqualTo(sha256(data));
      assertThat(((SmbBackend) b).connector().encrypting()).isTrue();
      assertThat(((SmbBackend) backend).connector().encrypting()).isFalse();
    }
  }

  @Test
  void twoSmbdHeadsOnOneDirectorySeeEachOthersData() throws Exception {
    Path shared = own.resolve("shared");
    try (SambaServer a = SambaServer.start(own.resolve("a"), shared, 0);
        SambaServer c = SambaServer.start(own.resolve("c"), shared, 0);
        Backend ba = new SmbDriver().open(config(a.url(), credentials(), TIMEOUT));
        Backend bc = new SmbDriver().open(config(c.url(), credentials(), TIMEOUT));
        BackendExport ea = ba.export("/x", true);
        BackendExport ec = bc.export("/x", false)) {
      ea.create("from-a", SetAttributes.NONE, true);
      try (BackendHandle h = ea.open("from-a", OpenMode.READ_WRITE)) {
        h.write(0, ByteBuffer.wrap("written through a".getBytes(UTF_8)));
      }
      ByteBuffer dst = ByteBuffer.allocate(64);
      try (BackendHandle h = ec.open("from-a", OpenMode.READ)) {
        int n = h.read(0, dst);
        assertThat(new String(dst.array(), 0, n, UTF_8)).isEqualTo("written through a");
      }
      ec.mkdir("from-c", SetAttributes.NONE);
      assertThat(ea.getattr("from-c").isDirectory()).isTrue();
      assertThat(ea.getattr("from-a").fileId()).isEqualTo(ec.getattr("from-a").fileId());
    }
  }
}
