package org.ferryfs.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.Access;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.MountClient;
import org.ferryfs.nfs.client.MountException;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.mount.xdr.Exportnode;
import org.ferryfs.nfs.mount.xdr.Mountbody;
import org.ferryfs.nfs.mount.xdr.Mountstat3;
import org.ferryfs.nfs.testing.Eventually;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.v3.xdr.ACCESS3res;
import org.ferryfs.nfs.v3.xdr.CREATE3res;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Entry3;
import org.ferryfs.nfs.v3.xdr.Entryplus3;
import org.ferryfs.nfs.v3.xdr.FSINFO3res;
import org.ferryfs.nfs.v3.xdr.FSSTAT3res;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.Ftype3;
import org.ferryfs.nfs.v3.xdr.GETATTR3args;
import org.ferryfs.nfs.v3.xdr.GETATTR3res;
import org.ferryfs.nfs.v3.xdr.LINK3res;
import org.ferryfs.nfs.v3.xdr.LOOKUP3res;
import org.ferryfs.nfs.v3.xdr.MKDIR3res;
import org.ferryfs.nfs.v3.xdr.MKNOD3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PATHCONF3res;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.READDIR3res;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;
import org.ferryfs.nfs.v3.xdr.REMOVE3res;
import org.ferryfs.nfs.v3.xdr.RENAME3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.SetTime3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3res;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every NFSv3 and MOUNT procedure end to end: {@link NfsServer} on a free loopback port in front of
 * {@link InMemoryFileService}, driven through {@link Nfs3Client} and {@link MountClient}, including
 * the error paths (stale and forged handles, bad names, read-only exports, bad cookies, injected
 * core failures).
 */
@Timeout(60)
class NfsServerEndToEndTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static InMemoryFileService files;
  private static NfsServer server;
  private static InetSocketAddress address;
  private static MountClient mount;
  private static Nfs3Client nfs;
  private static Nfs3Client user;
  private static ExportView alpha;

  private NfsFh3 root;
  private NfsFh3 dir;
  private static int testDirs;

  @BeforeAll
  static void start() throws IOException {
    files = new InMemoryFileService();
    alpha = files.addExport("alpha");
    files.addExport("ro", true, List.of());
    files.addExport("closed", false, List.of("10.9.9.9/32"));
    server = new NfsServer(files, NfsServerConfig.of(InetAddress.getLoopbackAddress(), 0));
    server.start();
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    mount = new MountClient(address, ClientCredentials.sys(0, 0), TIMEOUT);
    nfs = new Nfs3Client(address, ClientCredentials.sys(0, 0), TIMEOUT);
    user = new Nfs3Client(address, ClientCredentials.sys(1000, 1000, 1000), TIMEOUT);
  }

  @AfterAll
  static void stop() throws IOException {
    for (AutoCloseable c : new AutoCloseable[] {user, nfs, mount, server}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  /** Each test works in its own fresh, world-writable directory. */
  @BeforeEach
  void freshDirectory() throws IOException {
    root = mount.mount("/alpha");
    dir = nfs.mkdir(root, "t" + testDirs++, mode(0777)).obj().handle();
    nfs.setattr(dir, mode(0777), null);
  }

  /** Every call has finished and released its buffers; an idle connection holds none. */
  @AfterEach
  void buffersReturned() {
    Eventually.await("all I/O buffers returned", () -> server.leasedBuffers() == 0);
  }

  private static Sattr3 mode(int mode) {
    return new Sattr3(mode, null, null, null, SetTime3.DONT_CHANGE, SetTime3.DONT_CHANGE);
  }

  private NfsFh3 createFile(NfsFh3 in, String name) throws IOException {
    return nfs.create(in, name, Createhow3.unchecked(mode(0644))).obj().handle();
  }

  private static int status(ThrowingCall call) {
    try {
      call.run();
    } catch (Nfs3Exception e) {
      return e.status();
    } catch (IOException e) {
      throw new AssertionError("expected an NFS status, got " + e, e);
    }
    return Nfsstat3.NFS3_OK;
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws IOException;
  }

  // ------------------------------------------------------------------ MOUNT

  @Test
  void mountReturnsTheExportRootAndListsIt() throws IOException {
    NfsFh3 fh = mount.mount("/alpha");
    Fattr3 a = nfs.getattr(fh);
    assertThat(a.type()).isEqualTo(Ftype3.NF3DIR);
    assertThat(a.fsid()).isEqualTo(alpha.exportIndex());
    assertThat(a.fileid()).isEqualTo(alpha.root().objectId());
    assertThat(fh.data().length).isLessThanOrEqualTo(Nfs3Limits.NFS3_FHSIZE);

    assertThat(mount.dump()).contains(new Mountbody("127.0.0.1", "/alpha"));
    mount.unmount("/alpha");
    assertThat(mount.dump()).doesNotContain(new Mountbody("127.0.0.1", "/alpha"));
    mount.mount("/alpha");
    mount.mount("/ro");
    mount.unmountAll();
    assertThat(mount.dump()).isEmpty();
    mount.ping();
  }

  @Test
  void mountOfSubdirectoryAndErrors() throws IOException {
    NfsFh3 sub = nfs.mkdir(dir, "sub", mode(0755)).obj().handle();
    String dirName = "t" + (testDirs - 1);
    assertThat(mount.mount("/alpha/" + dirName + "/sub")).isEqualTo(sub);
    assertThat(mount.mountRaw("/alpha/" + dirName + "/missing").status())
        .isEqualTo(Mountstat3.MNT3ERR_NOENT);
    assertThat(mount.mountRaw("/nope").status()).isEqualTo(Mountstat3.MNT3ERR_NOENT);
    assertThat(mount.mountRaw("/closed").status()).isEqualTo(Mountstat3.MNT3ERR_ACCES);
    assertThat(mount.mountRaw("/" + "x".repeat(1100)).status())
        .isEqualTo(Mountstat3.MNT3ERR_NAMETOOLONG);
    createFile(root, "plainfile-" + testDirs);
    assertThat(mount.mountRaw("/alpha/plainfile-" + testDirs).status())
        .isEqualTo(Mountstat3.MNT3ERR_NOTDIR);
    assertThatThrownBy(() -> mount.mount("/nope")).isInstanceOf(MountException.class);
  }

  @Test
  void exportListsClientRulesAsGroups() throws IOException {
    List<Exportnode> exports = mount.exports();
    assertThat(exports)
        .containsExactly(
            new Exportnode("/alpha", List.of()),
            new Exportnode("/closed", List.of("10.9.9.9/32")),
            new Exportnode("/ro", List.of()));
  }

  // ------------------------------------------------------------------ attributes

  @Test
  void getattrAndSetattrWithGuard() throws IOException {
    NfsFh3 f = createFile(dir, "f");
    Fattr3 before = nfs.getattr(f);
    assertThat(before.type()).isEqualTo(Ftype3.NF3REG);
    assertThat(before.mode()).isEqualTo(0644);

    Sattr3 change =
        new Sattr3(
            0600, null, null, 10L, SetTime3.DONT_CHANGE, SetTime3.client(new Nfstime3(5, 6)));
    Fattr3 after = nfs.setattr(f, change, before.ctime()).objWcc().after().attributes();
    assertThat(after.mode()).isEqualTo(0600);
    assertThat(after.size()).isEqualTo(10);
    assertThat(after.mtime()).isEqualTo(new Nfstime3(5, 6));

    // The guard names the old ctime: NOT_SYNC (RFC 1813 §3.3.2).
    assertThat(status(() -> nfs.setattr(f, mode(0644), new Nfstime3(1, 2))))
        .isEqualTo(Nfsstat3.NFS3ERR_NOT_SYNC);
    // A nanosecond count of 10^9 or more is not a time.
    Sattr3 badTime =
        new Sattr3(null, null, null, null, SetTime3.client(new Nfstime3(1, 2_000_000_000L)), null);
    assertThat(status(() -> nfs.setattr(f, badTime, null))).isEqualTo(Nfsstat3.NFS3ERR_INVAL);
    // Not the owner: PERM.
    assertThat(status(() -> user.setattr(f, mode(0777), null))).isEqualTo(Nfsstat3.NFS3ERR_PERM);
  }

  @Test
  void accessBitsFollowPermissionsAndReadOnlyExports() throws IOException {
    NfsFh3 f = createFile(dir, "f");
    nfs.setattr(f, mode(0604), null);
    ACCESS3res asUser = user.access(f, Access.ALL);
    assertThat(asUser.access()).isEqualTo(Access.READ);
    assertThat(asUser.objAttributes().present()).isTrue();
    ACCESS3res asRoot = nfs.access(f, Access.READ | Access.MODIFY | 0x4000_0000);
    assertThat(asRoot.access()).isEqualTo(Access.READ | Access.MODIFY);

    NfsFh3 ro = mount.mount("/ro");
    assertThat(nfs.access(ro, Access.ALL).access() & (Access.MODIFY | Access.DELETE)).isZero();
  }

  // ------------------------------------------------------------------ names

  @Test
  void lookupFindsNamesAndRefusesBadOnes() throws IOException {
    NfsFh3 f = createFile(dir, "name with spaces ünïcödé");
    LOOKUP3res found = nfs.lookup(dir, "name with spaces ünïcödé");
    assertThat(found.object()).isEqualTo(f);
    assertThat(found.objAttributes().attributes().fileid()).isEqualTo(nfs.getattr(f).fileid());
    assertThat(nfs.lookup(dir, ".").object()).isEqualTo(dir);
    assertThat(nfs.lookup(root, "..").object()).isEqualTo(root);

    assertThat(status(() -> nfs.lookup(dir, "missing"))).isEqualTo(Nfsstat3.NFS3ERR_NOENT);
    // '/' and NUL can name no entry: NFS3ERR_ACCES (see Filename3).
    assertThat(status(() -> nfs.lookup(dir, "a/b"))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(status(() -> nfs.lookup(dir, "a\0b"))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(status(() -> createFile(dir, "x/y"))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(status(() -> nfs.mkdir(dir, "x\0", mode(0755)))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(status(() -> nfs.lookup(dir, ""))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    assertThat(status(() -> nfs.lookup(dir, "n".repeat(256))))
        .isEqualTo(Nfsstat3.NFS3ERR_NAMETOOLONG);
    assertThat(status(() -> nfs.lookup(f, "x"))).isEqualTo(Nfsstat3.NFS3ERR_NOTDIR);
    assertThat(status(() -> createFile(dir, "."))).isEqualTo(Nfsstat3.NFS3ERR_INVAL);
  }

  // ------------------------------------------------------------------ data

  @Test
  void writeReadCommitRoundTrip() throws IOException {
    NfsFh3 f = createFile(dir, "data");
    byte[] big = new byte[Nfs3Limits.WTMAX];
    new Random(42).nextBytes(big);
    WRITE3res w = nfs.write(f, 0, ByteBuffer.wrap(big), StableHow.UNSTABLE);
    assertThat(w.count()).isEqualTo(big.length);
    assertThat(w.committed()).isEqualTo(StableHow.UNSTABLE);
    assertThat(w.verf()).isEqualTo(files.writeVerifier());
    assertThat(w.fileWcc().before().attributes().size()).isZero();
    assertThat(w.fileWcc().after().attributes().size()).isEqualTo(big.length);

    byte[] tail = "tail!".getBytes(StandardCharsets.US_ASCII);
    nfs.write(f, big.length, ByteBuffer.wrap(tail), StableHow.FILE_SYNC);

    READ3res all = nfs.read(f, 0, Nfs3Limits.RTMAX);
    assertThat(all.count()).isEqualTo(Nfs3Limits.RTMAX);
    assertThat(all.eof()).isFalse();
    assertThat(toBytes(all.data())).isEqualTo(big);
    READ3res rest = nfs.read(f, big.length, 100);
    assertThat(rest.count()).isEqualTo(5);
    assertThat(rest.eof()).isTrue();
    assertThat(toBytes(rest.data())).isEqualTo(tail);
    // Odd sizes and offsets go through the copying path.
    READ3res odd = nfs.read(f, 3, 7);
    assertThat(toBytes(odd.data())).isEqualTo(java.util.Arrays.copyOfRange(big, 3, 10));
    // A count beyond rtmax is clamped.
    assertThat(nfs.read(f, 0, Integer.MAX_VALUE).count()).isEqualTo(Nfs3Limits.RTMAX);
    READ3res beyond = nfs.read(f, 10_000_000, 10);
    assertThat(beyond.count()).isZero();
    assertThat(beyond.eof()).isTrue();

    long verf = nfs.commit(f, 0, 0).verf();
    assertThat(verf).isEqualTo(w.verf());
    files.restartWriteVerifier();
    assertThat(nfs.commit(f, 0, 0).verf()).isNotEqualTo(w.verf());

    assertThat(status(() -> nfs.read(dir, 0, 10))).isEqualTo(Nfsstat3.NFS3ERR_ISDIR);
    assertThat(status(() -> nfs.read(f, -1, 10))).isEqualTo(Nfsstat3.NFS3ERR_INVAL);
    assertThat(status(() -> nfs.write(f, -1, ByteBuffer.wrap(tail), StableHow.UNSTABLE)))
        .isEqualTo(Nfsstat3.NFS3ERR_FBIG);
  }

  private static byte[] toBytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void createModes() throws IOException {
    CREATE3res c = nfs.create(dir, "u", Createhow3.unchecked(mode(0640)));
    assertThat(c.objAttributes().attributes().mode()).isEqualTo(0640);
    assertThat(c.dirWcc().after().present()).isTrue();
    // UNCHECKED on an existing file keeps it.
    assertThat(nfs.create(dir, "u", Createhow3.unchecked(Sattr3.NONE)).obj()).isEqualTo(c.obj());
    assertThat(status(() -> nfs.create(dir, "u", Createhow3.guarded(Sattr3.NONE))))
        .isEqualTo(Nfsstat3.NFS3ERR_EXIST);
    // EXCLUSIVE: a retransmission with the same verifier succeeds, another verifier fails.
    NfsFh3 x = nfs.create(dir, "x", Createhow3.exclusive(0x1122334455667788L)).obj().handle();
    assertThat(nfs.create(dir, "x", Createhow3.exclusive(0x1122334455667788L)).obj().handle())
        .isEqualTo(x);
    assertThat(status(() -> nfs.create(dir, "x", Createhow3.exclusive(7))))
        .isEqualTo(Nfsstat3.NFS3ERR_EXIST);
  }

  @Test
  void directoriesSymlinksAndSpecialFiles() throws IOException {
    MKDIR3res d = nfs.mkdir(dir, "d", mode(0750));
    assertThat(d.objAttributes().attributes().type()).isEqualTo(Ftype3.NF3DIR);
    assertThat(status(() -> nfs.mkdir(dir, "d", mode(0750)))).isEqualTo(Nfsstat3.NFS3ERR_EXIST);

    NfsFh3 link = nfs.symlink(dir, "l", "../some/where", Sattr3.NONE).obj().handle();
    assertThat(nfs.readlink(link)).isEqualTo("../some/where");
    assertThat(nfs.getattr(link).type()).isEqualTo(Ftype3.NF3LNK);
    assertThat(status(() -> nfs.readlink(dir))).isEqualTo(Nfsstat3.NFS3ERR_INVAL);
    assertThat(status(() -> nfs.symlink(dir, "long", "p".repeat(1025), Sattr3.NONE)))
        .isEqualTo(Nfsstat3.NFS3ERR_NAMETOOLONG);

    MKNOD3res fifo = nfs.mknod(dir, "fifo", Ftype3.NF3FIFO, mode(0600), null);
    assertThat(fifo.objAttributes().attributes().type()).isEqualTo(Ftype3.NF3FIFO);
    MKNOD3res chr = nfs.mknod(dir, "chr", Ftype3.NF3CHR, mode(0600), new Specdata3(4, 64));
    assertThat(chr.objAttributes().attributes().rdev()).isEqualTo(new Specdata3(4, 64));
    assertThat(status(() -> nfs.mknod(dir, "reg", Ftype3.NF3REG, null, null)))
        .isEqualTo(Nfsstat3.NFS3ERR_BADTYPE);
    assertThat(status(() -> user.mknod(dir, "blk", Ftype3.NF3BLK, mode(0600), new Specdata3(1, 1))))
        .isEqualTo(Nfsstat3.NFS3ERR_PERM);
  }

  @Test
  void removeRmdirRenameLink() throws IOException {
    NfsFh3 f = createFile(dir, "f");
    NfsFh3 sub = nfs.mkdir(dir, "sub", mode(0755)).obj().handle();

    LINK3res l = nfs.link(f, sub, "hard");
    assertThat(l.fileAttributes().attributes().nlink()).isEqualTo(2);
    assertThat(l.linkdirWcc().after().present()).isTrue();
    assertThat(status(() -> nfs.link(sub, dir, "dirlink"))).isEqualTo(Nfsstat3.NFS3ERR_ISDIR);

    RENAME3res r = nfs.rename(dir, "f", sub, "moved");
    assertThat(r.fromdirWcc().after().present()).isTrue();
    assertThat(r.todirWcc().after().present()).isTrue();
    assertThat(nfs.lookup(sub, "moved").object()).isEqualTo(f); // handles survive renames
    assertThat(status(() -> nfs.lookup(dir, "f"))).isEqualTo(Nfsstat3.NFS3ERR_NOENT);
    assertThat(status(() -> nfs.rename(dir, "sub", sub, "inside")))
        .isEqualTo(Nfsstat3.NFS3ERR_INVAL);

    assertThat(status(() -> nfs.rmdir(dir, "sub"))).isEqualTo(Nfsstat3.NFS3ERR_NOTEMPTY);
    assertThat(status(() -> nfs.remove(dir, "sub"))).isEqualTo(Nfsstat3.NFS3ERR_ISDIR);
    REMOVE3res rm = nfs.remove(sub, "moved");
    assertThat(rm.dirWcc().after().present()).isTrue();
    assertThat(nfs.getattr(f).nlink()).isEqualTo(1);
    nfs.remove(sub, "hard");
    nfs.rmdir(dir, "sub");
    assertThat(status(() -> nfs.rmdir(dir, "sub"))).isEqualTo(Nfsstat3.NFS3ERR_NOENT);

    // The file's last link is gone: its handle is stale.
    assertThat(status(() -> nfs.getattr(f))).isEqualTo(Nfsstat3.NFS3ERR_STALE);
    assertThat(status(() -> nfs.getattr(sub))).isEqualTo(Nfsstat3.NFS3ERR_STALE);
  }

  // ------------------------------------------------------------------ directories

  @Test
  void readdirPagesThroughLargeDirectoriesWithStableCookies() throws IOException {
    Set<String> expected = new HashSet<>(List.of(".", ".."));
    for (int i = 0; i < 300; i++) {
      String name = "entry-" + i + "-" + "z".repeat(i % 40);
      createFile(dir, name);
      expected.add(name);
    }
    List<String> seen = new ArrayList<>();
    long cookie = 0;
    long verf = 0;
    int pages = 0;
    while (true) {
      READDIR3res page = nfs.readdir(dir, cookie, verf, 1024);
      pages++;
      assertThat(page.entries()).isNotEmpty();
      for (Entry3 e : page.entries()) {
        seen.add(e.name());
        cookie = e.cookie();
      }
      verf = page.cookieverf();
      if (page.eof()) {
        break;
      }
    }
    assertThat(pages).isGreaterThan(5);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(expected);

    // Too small for a single entry: TOOSMALL; a wrong verifier: BAD_COOKIE.
    assertThat(status(() -> nfs.readdir(dir, 0, 0, 120))).isEqualTo(Nfsstat3.NFS3ERR_TOOSMALL);
    long lastVerf = verf;
    long lastCookie = cookie;
    assertThat(status(() -> nfs.readdir(dir, lastCookie, lastVerf + 1, 4096)))
        .isEqualTo(Nfsstat3.NFS3ERR_BAD_COOKIE);
    assertThat(status(() -> nfs.readdir(dir, 999_999, lastVerf, 4096)))
        .isEqualTo(Nfsstat3.NFS3ERR_BAD_COOKIE);
  }

  @Test
  void readdirplusReturnsUsableHandlesAndAttributes() throws IOException {
    for (int i = 0; i < 50; i++) {
      createFile(dir, "p" + i);
    }
    List<String> seen = new ArrayList<>();
    long cookie = 0;
    long verf = 0;
    while (true) {
      READDIRPLUS3res page = nfs.readdirplus(dir, cookie, verf, 512, 4096);
      assertThat(page.dirAttributes().present()).isTrue();
      for (Entryplus3 e : page.entries()) {
        seen.add(e.name());
        cookie = e.cookie();
        assertThat(e.nameHandle().handle()).isNotNull();
        Fattr3 a = nfs.getattr(e.nameHandle().handle());
        assertThat(a).isEqualTo(e.nameAttributes().attributes());
        assertThat(a.fileid()).isEqualTo(e.fileid());
      }
      verf = page.cookieverf();
      if (page.eof()) {
        break;
      }
    }
    assertThat(seen).hasSize(52).doesNotHaveDuplicates();
    assertThat(status(() -> nfs.readdirplus(dir, 0, 0, 10, 200)))
        .isEqualTo(Nfsstat3.NFS3ERR_TOOSMALL);
  }

  // ------------------------------------------------------------------ file system info

  @Test
  void fsstatFsinfoPathconf() throws IOException {
    FSSTAT3res s = nfs.fsstat(root);
    assertThat(s.tbytes()).isPositive();
    assertThat(s.objAttributes().present()).isTrue();
    FSINFO3res i = nfs.fsinfo(root);
    assertThat(i.rtmax()).isEqualTo(1 << 20);
    assertThat(i.wtmax()).isEqualTo(1 << 20);
    assertThat(i.rtpref()).isEqualTo(1 << 20);
    assertThat(i.wtpref()).isEqualTo(1 << 20);
    assertThat(i.dtpref()).isEqualTo(64 * 1024);
    assertThat(i.timeDelta()).isEqualTo(new Nfstime3(0, 1));
    assertThat(i.properties()).isEqualTo(0x1B);
    PATHCONF3res p = nfs.pathconf(root);
    assertThat(p.nameMax()).isEqualTo(255);
    assertThat(p.noTrunc()).isTrue();
    nfs.ping();
  }

  // ------------------------------------------------------------------ handles and policy

  @Test
  void forgedAndMalformedHandlesAreBadHandles() throws IOException {
    NfsFh3 f = createFile(dir, "f");
    byte[] forged = f.data().clone();
    forged[1] ^= 1; // another export index
    assertThat(status(() -> nfs.getattr(new NfsFh3(forged)))).isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    byte[] tampered = f.data().clone();
    tampered[tampered.length - 1] ^= 0x40;
    assertThat(status(() -> nfs.getattr(new NfsFh3(tampered))))
        .isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    assertThat(status(() -> nfs.getattr(new NfsFh3(new byte[0]))))
        .isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    assertThat(status(() -> nfs.lookup(new NfsFh3(new byte[64]), "x")))
        .isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    // The second handle of a two-handle procedure is checked too.
    assertThat(status(() -> nfs.rename(dir, "f", new NfsFh3(forged), "g")))
        .isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    GETATTR3res raw = nfs.callRaw(1, new GETATTR3args(new NfsFh3(forged)), GETATTR3res::decode);
    assertThat(raw.status()).isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
  }

  @Test
  void readOnlyExportsRefuseChanges() throws IOException {
    NfsFh3 ro = mount.mount("/ro");
    assertThat(status(() -> createFile(ro, "f"))).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
    assertThat(status(() -> nfs.mkdir(ro, "d", Sattr3.NONE))).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
    assertThat(status(() -> nfs.setattr(ro, mode(0700), null))).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
    assertThat(status(() -> nfs.remove(ro, "x"))).isEqualTo(Nfsstat3.NFS3ERR_ROFS);
    assertThat(nfs.getattr(ro).type()).isEqualTo(Ftype3.NF3DIR);
  }

  @Test
  void coreFailuresMapToStatuses() throws IOException {
    files.failNext(BackendStatus.DELAY);
    assertThat(status(() -> nfs.getattr(dir))).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    files.failNext(BackendStatus.SERVER_FAULT);
    assertThat(status(() -> nfs.getattr(dir))).isEqualTo(Nfsstat3.NFS3ERR_SERVERFAULT);
    files.failNext(BackendStatus.TIMED_OUT);
    assertThat(status(() -> nfs.read(dir, 0, 1))).isEqualTo(Nfsstat3.NFS3ERR_JUKEBOX);
    files.throwNext(new IllegalStateException("a bug in the core (expected by this test)"));
    assertThat(status(() -> nfs.getattr(dir))).isEqualTo(Nfsstat3.NFS3ERR_SERVERFAULT);
    assertThat(nfs.getattr(dir).type()).isEqualTo(Ftype3.NF3DIR);
  }

  @Test
  void authNoneCallersAreNobody() throws IOException {
    try (Nfs3Client anonymous = new Nfs3Client(address, ClientCredentials.none(), TIMEOUT)) {
      NfsFh3 f = anonymous.create(dir, "anon", Createhow3.unchecked(mode(0644))).obj().handle();
      Fattr3 a = nfs.getattr(f);
      assertThat(a.uid()).isEqualTo(65534);
      assertThat(a.gid()).isEqualTo(65534);
    }
  }
}
