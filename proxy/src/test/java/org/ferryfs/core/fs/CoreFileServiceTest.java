package org.ferryfs.core.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Access;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.Created;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.WriteStability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreFileServiceTest {
  @TempDir Path tmp;
  CoreFixture fx;
  Caller root;
  FileRef alpha;

  @BeforeEach
  void setUp() throws Exception {
    fx = new CoreFixture(tmp);
    root = CoreFixture.root();
    fx.exports.add("alpha", "a", "/alpha", List.of(), false);
    fx.exports.add("beta", "b", null, List.of("127.0.0.0/8"), false);
    alpha = fx.files.mount(root, "/alpha");
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private static BackendStatus status(ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (BackendException e) {
      return e.status();
    } catch (Throwable t) {
      throw new AssertionError("expected a BackendException, got " + t, t);
    }
    throw new AssertionError("expected a BackendException");
  }

  private Created file(FileRef dir, String name, String content) throws Exception {
    Created c = fx.files.create(root, dir, name, CreateMode.GUARDED, SetAttributes.mode(0644), 0);
    fx.files.write(
        root,
        c.ref(),
        0,
        ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)),
        WriteStability.FILE_SYNC);
    return c;
  }

  private String read(FileRef f) throws Exception {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    fx.files.read(root, f, 0, buf);
    buf.flip();
    return StandardCharsets.UTF_8.decode(buf).toString();
  }

  @Test
  void bytesLandInTheBackendAtTheMappedPath() throws Exception {
    Created d = fx.files.mkdir(root, alpha, "docs", SetAttributes.mode(0755));
    file(d.ref(), "hello.txt", "hello ferry");
    assertThat(Files.readString(fx.backendA.resolve("alpha/docs/hello.txt")))
        .isEqualTo("hello ferry");
    assertThat(fx.backendB.resolve("beta")).isDirectory();
  }

  @Test
  void clientsSeeFerryIdsNotInodes() throws Exception {
    Created c = file(alpha, "f", "x");
    FileAttributes attrs = fx.files.getattr(root, c.ref());
    assertThat(attrs.fileId()).isEqualTo(c.ref().objectId());
    long inode = (Long) Files.getAttribute(fx.backendA.resolve("alpha/f"), "unix:ino");
    assertThat(attrs.fileId()).isNotEqualTo(inode);
  }

  @Test
  void referencesSurviveRenamesOfTheirDirectories() throws Exception {
    Created d = fx.files.mkdir(root, alpha, "d", SetAttributes.NONE);
    Created f = file(d.ref(), "f", "payload");
    Created e = fx.files.mkdir(root, alpha, "e", SetAttributes.NONE);
    fx.files.rename(root, alpha, "d", e.ref(), "moved");
    assertThat(read(f.ref())).isEqualTo("payload");
    assertThat(Files.exists(fx.backendA.resolve("alpha/e/moved/f"))).isTrue();
  }

  @Test
  void referencesSurviveARestart() throws Exception {
    Created f = file(alpha, "keep", "still here");
    fx.restart();
    assertThat(read(f.ref())).isEqualTo("still here");
    assertThat(fx.files.lookup(root, fx.files.mount(root, "/alpha"), "keep").ref())
        .isEqualTo(f.ref());
  }

  @Test
  void removedObjectsGoStale() throws Exception {
    Created f = file(alpha, "gone", "x");
    fx.files.remove(root, alpha, "gone");
    assertThat(status(() -> fx.files.getattr(root, f.ref()))).isEqualTo(BackendStatus.STALE);
    assertThat(status(() -> fx.files.lookup(root, alpha, "gone")))
        .isEqualTo(BackendStatus.NOT_FOUND);
  }

  @Test
  void hardLinksAreOneObject() throws Exception {
    Created f = file(alpha, "orig", "shared");
    Created d = fx.files.mkdir(root, alpha, "d", SetAttributes.NONE);
    Created l = fx.files.link(root, f.ref(), d.ref(), "alias");
    assertThat(l.ref()).isEqualTo(f.ref());
    assertThat(fx.files.lookup(root, d.ref(), "alias").ref()).isEqualTo(f.ref());
    assertThat(fx.files.getattr(root, f.ref()).nlink()).isEqualTo(2);
    fx.files.remove(root, alpha, "orig");
    assertThat(read(f.ref())).isEqualTo("shared");
  }

  @Test
  void hardLinksMadeOnTheBackendAreRecognised() throws Exception {
    Files.writeString(fx.backendA.resolve("alpha/one"), "1");
    Files.createLink(fx.backendA.resolve("alpha/two"), fx.backendA.resolve("alpha/one"));
    FileRef one = fx.files.lookup(root, alpha, "one").ref();
    FileRef two = fx.files.lookup(root, alpha, "two").ref();
    assertThat(two).isEqualTo(one);
  }

  @Test
  void symlinksAreStoredVerbatimAndNeverFollowedOutOfTheExport() throws Exception {
    Created s = fx.files.symlink(root, alpha, "up", "../../../etc", SetAttributes.NONE);
    assertThat(fx.files.readlink(root, s.ref())).isEqualTo("../../../etc");
    assertThat(s.attributes().type()).isEqualTo(FileType.SYMLINK);
    // a link made on the backend itself, pointing outside the export
    Files.createSymbolicLink(fx.backendA.resolve("alpha/escape"), Path.of("/etc"));
    FileRef escape = fx.files.lookup(root, alpha, "escape").ref();
    assertThat(status(() -> fx.files.lookup(root, escape, "passwd")))
        .isIn(BackendStatus.NOT_DIRECTORY, BackendStatus.SYMLINK_LOOP);
    assertThat(status(() -> fx.files.readdir(root, escape, 0, 0, 10, false)))
        .isEqualTo(BackendStatus.NOT_DIRECTORY);
    assertThat(status(() -> fx.files.read(root, escape, 0, ByteBuffer.allocate(10))))
        .isIn(BackendStatus.SYMLINK_LOOP, BackendStatus.INVALID_ARGUMENT);
  }

  @Test
  void dotDotNeverLeavesTheExport() throws Exception {
    assertThat(fx.files.lookup(root, alpha, "..").ref()).isEqualTo(alpha);
    assertThat(status(() -> fx.files.lookup(root, alpha, "../b")))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(
            status(
                () ->
                    fx.files.create(
                        root, alpha, "a/b", CreateMode.UNCHECKED, SetAttributes.NONE, 0)))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(status(() -> fx.files.mount(root, "/alpha/../beta")))
        .isEqualTo(BackendStatus.NOT_FOUND);
  }

  @Test
  void handlesForgedForAnotherExportAreStale() throws Exception {
    Created f = file(alpha, "secret", "x");
    FileRef beta = fx.files.mount(root, "/beta");
    FileRef forged = new FileRef(beta.exportIndex(), f.ref().objectId(), f.ref().generation());
    assertThat(status(() -> fx.files.getattr(root, forged))).isEqualTo(BackendStatus.STALE);
    FileRef otherGeneration =
        new FileRef(alpha.exportIndex(), f.ref().objectId(), f.ref().generation() + 1);
    assertThat(status(() -> fx.files.getattr(root, otherGeneration)))
        .isEqualTo(BackendStatus.STALE);
    FileRef noExport = new FileRef(999, f.ref().objectId(), f.ref().generation());
    assertThat(status(() -> fx.files.getattr(root, noExport))).isEqualTo(BackendStatus.STALE);
  }

  @Test
  void clientRulesAndReadOnlyExportsAreEnforced() throws Exception {
    assertThat(status(() -> fx.files.mount(CoreFixture.from("10.1.1.1"), "/beta")))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    FileRef beta = fx.files.mount(root, "/beta");
    assertThat(status(() -> fx.files.getattr(CoreFixture.from("10.1.1.1"), beta)))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    fx.exports.add("ro", "a", "/ro", List.of(), true);
    FileRef ro = fx.files.mount(root, "/ro");
    assertThat(status(() -> fx.files.mkdir(root, ro, "x", SetAttributes.NONE)))
        .isEqualTo(BackendStatus.READ_ONLY);
    assertThat(fx.files.access(root, ro, Access.ALL).mask() & Access.MODIFY).isZero();
  }

  @Test
  void permissionBitsApplyToOrdinaryUsers() throws Exception {
    Caller alice = CoreFixture.user(1000, 1000);
    Caller bob = CoreFixture.user(1001, 1001);
    Created shared = fx.files.mkdir(root, alpha, "shared", SetAttributes.mode(0777));
    Created mine =
        fx.files.create(
            alice, shared.ref(), "mine", CreateMode.GUARDED, SetAttributes.mode(0644), 0);
    assertThat(mine.attributes().uid()).isEqualTo(1000);
    assertThat(mine.attributes().gid()).isEqualTo(1000);
    fx.files.write(alice, mine.ref(), 0, ByteBuffer.wrap(new byte[] {1}), WriteStability.UNSTABLE);
    assertThat(
            status(
                () ->
                    fx.files.write(
                        bob,
                        mine.ref(),
                        0,
                        ByteBuffer.wrap(new byte[] {2}),
                        WriteStability.UNSTABLE)))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    assertThat(status(() -> fx.files.setattr(bob, mine.ref(), SetAttributes.mode(0777), null)))
        .isEqualTo(BackendStatus.NOT_OWNER);
    assertThat(status(() -> fx.files.mkdir(bob, alpha, "nope", SetAttributes.NONE)))
        .isEqualTo(BackendStatus.ACCESS_DENIED);
    // the owner may write a file whose mode refuses writing (open-then-chmod pattern)
    fx.files.setattr(alice, mine.ref(), SetAttributes.mode(0444), null);
    fx.files.write(alice, mine.ref(), 1, ByteBuffer.wrap(new byte[] {3}), WriteStability.UNSTABLE);
    // sticky directory: bob cannot remove alice's file
    Created tmpDir = fx.files.mkdir(root, alpha, "tmp", SetAttributes.mode(01777));
    fx.files.create(alice, tmpDir.ref(), "a", CreateMode.GUARDED, SetAttributes.mode(0666), 0);
    assertThat(status(() -> fx.files.remove(bob, tmpDir.ref(), "a")))
        .isEqualTo(BackendStatus.NOT_OWNER);
    fx.files.remove(alice, tmpDir.ref(), "a");
  }

  @Test
  void exclusiveCreateIsIdempotentForItsVerifier() throws Exception {
    Created first =
        fx.files.create(root, alpha, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 77L);
    Created again =
        fx.files.create(root, alpha, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 77L);
    assertThat(again.ref()).isEqualTo(first.ref());
    assertThat(
            status(
                () ->
                    fx.files.create(
                        root, alpha, "x", CreateMode.EXCLUSIVE, SetAttributes.NONE, 78L)))
        .isEqualTo(BackendStatus.EXISTS);
    assertThat(
            status(
                () -> fx.files.create(root, alpha, "x", CreateMode.GUARDED, SetAttributes.NONE, 0)))
        .isEqualTo(BackendStatus.EXISTS);
    assertThat(fx.files.create(root, alpha, "x", CreateMode.UNCHECKED, SetAttributes.NONE, 0).ref())
        .isEqualTo(first.ref());
  }

  @Test
  void setattrGuardAndSizeChanges() throws Exception {
    Created f = file(alpha, "f", "0123456789");
    Instant ctime = fx.files.getattr(root, f.ref()).ctime();
    assertThat(
            status(
                () ->
                    fx.files.setattr(
                        root, f.ref(), SetAttributes.NONE.withSize(2L), ctime.minusSeconds(5))))
        .isEqualTo(BackendStatus.NOT_SYNC);
    FileAttributes after = fx.files.setattr(root, f.ref(), SetAttributes.NONE.withSize(4L), ctime);
    assertThat(after.size()).isEqualTo(4);
    assertThat(read(f.ref())).isEqualTo("0123");
  }

  @Test
  void readReportsEof() throws Exception {
    Created f = file(alpha, "f", "abc");
    var r = fx.files.read(root, f.ref(), 0, ByteBuffer.allocate(2));
    assertThat(r.count()).isEqualTo(2);
    assertThat(r.eof()).isFalse();
    r = fx.files.read(root, f.ref(), 2, ByteBuffer.allocate(10));
    assertThat(r.count()).isEqualTo(1);
    assertThat(r.eof()).isTrue();
    r = fx.files.read(root, f.ref(), 100, ByteBuffer.allocate(10));
    assertThat(r.count()).isZero();
    assertThat(r.eof()).isTrue();
  }

  @Test
  void renameRules() throws Exception {
    Created d = fx.files.mkdir(root, alpha, "d", SetAttributes.NONE);
    Created sub = fx.files.mkdir(root, d.ref(), "sub", SetAttributes.NONE);
    assertThat(status(() -> fx.files.rename(root, alpha, "d", sub.ref(), "loop")))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
    FileRef beta = fx.files.mount(root, "/beta");
    assertThat(status(() -> fx.files.rename(root, alpha, "d", beta, "d")))
        .isEqualTo(BackendStatus.CROSS_DEVICE);
    Created a = file(alpha, "a", "A");
    Created b = file(alpha, "b", "B");
    fx.files.rename(root, alpha, "a", alpha, "b");
    assertThat(read(a.ref())).isEqualTo("A");
    assertThat(status(() -> fx.files.getattr(root, b.ref()))).isEqualTo(BackendStatus.STALE);
  }

  @Test
  void readdirPagesNeitherSkipNorRepeatWhileTheDirectoryChanges() throws Exception {
    Created d = fx.files.mkdir(root, alpha, "big", SetAttributes.NONE);
    Path dir = fx.backendA.resolve("alpha/big");
    for (int i = 0; i < 1000; i++) {
      Files.createFile(dir.resolve("f" + i));
    }
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    long cookie = 0;
    long verifier = 0;
    int pages = 0;
    while (true) {
      DirPage p = fx.files.readdir(root, d.ref(), cookie, verifier, 37, pages % 2 == 0);
      for (DirPage.Entry e : p.entries()) {
        assertThat(seen.add(e.name())).as("repeated %s", e.name()).isTrue();
        order.add(e.name());
        cookie = e.cookie();
      }
      verifier = p.verifier();
      pages++;
      if (pages == 5) {
        // meanwhile another client removes files that were and were not listed yet
        for (int i = 0; i < 1000; i += 10) {
          Files.deleteIfExists(dir.resolve("f" + i));
        }
      }
      if (p.eof()) {
        break;
      }
    }
    assertThat(order.subList(0, 2)).containsExactly(".", "..");
    for (int i = 0; i < 1000; i++) {
      if (i % 10 != 0) {
        assertThat(seen).contains("f" + i);
      }
    }
    assertThat(status(() -> fx.files.readdir(root, d.ref(), 12345, 99, 10, false)))
        .isEqualTo(BackendStatus.BAD_COOKIE);
  }

  @Test
  void readdirCookiesSurviveARestart() throws Exception {
    Created d = fx.files.mkdir(root, alpha, "dir", SetAttributes.NONE);
    for (int i = 0; i < 50; i++) {
      Files.createFile(fx.backendA.resolve("alpha/dir/n" + i));
    }
    DirPage first = fx.files.readdir(root, d.ref(), 0, 0, 20, false);
    long cookie = first.entries().get(first.entries().size() - 1).cookie();
    DirPage before = fx.files.readdir(root, d.ref(), cookie, first.verifier(), 100, false);
    fx.restart();
    DirPage after = fx.files.readdir(root, d.ref(), cookie, first.verifier(), 100, false);
    assertThat(after.entries().stream().map(DirPage.Entry::name).toList())
        .isEqualTo(before.entries().stream().map(DirPage.Entry::name).toList());
  }

  @Test
  void removedExportsMakeHandlesStale() throws Exception {
    Created f = file(alpha, "f", "x");
    fx.exports.remove("alpha");
    assertThat(status(() -> fx.files.getattr(root, f.ref()))).isEqualTo(BackendStatus.STALE);
    assertThat(status(() -> fx.files.mount(root, "/alpha"))).isEqualTo(BackendStatus.NOT_FOUND);
    // re-adding the name gives a new export: old handles stay stale
    fx.exports.add("alpha", "a", "/alpha", List.of(), false);
    assertThat(status(() -> fx.files.getattr(root, f.ref()))).isEqualTo(BackendStatus.STALE);
    assertThat(fx.files.mount(root, "/alpha").exportIndex()).isNotEqualTo(alpha.exportIndex());
  }

  @Test
  void namesAreValidated() throws Exception {
    assertThat(status(() -> fx.files.mkdir(root, alpha, "", SetAttributes.NONE)))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(status(() -> fx.files.mkdir(root, alpha, "x\0y", SetAttributes.NONE)))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
    assertThat(status(() -> fx.files.mkdir(root, alpha, "n".repeat(256), SetAttributes.NONE)))
        .isEqualTo(BackendStatus.NAME_TOO_LONG);
    assertThat(status(() -> fx.files.mkdir(root, alpha, "..", SetAttributes.NONE)))
        .isEqualTo(BackendStatus.EXISTS);
    assertThat(status(() -> fx.files.remove(root, alpha, ".")))
        .isEqualTo(BackendStatus.INVALID_ARGUMENT);
  }
}
