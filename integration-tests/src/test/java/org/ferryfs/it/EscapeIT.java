package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.client.MountException;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing escapes an export: dot-dot, backend symlinks, absolute targets, forged handles. */
class EscapeIT {
  /** MNT3ERR_NOENT, MNT3ERR_ACCES (RFC 1813 §5.1.5). */
  private static final int MNT3ERR_NOENT = 2;

  private static final int MNT3ERR_ACCES = 13;

  @TempDir static Path tmp;
  static FerryFixture ferry;
  static Path outside;

  @BeforeAll
  static void start() throws Exception {
    ferry = FerryFixture.start(tmp.resolve("ferry"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "must not be readable through Ferry");
    // links made on the backend itself, pointing out of the export
    Files.createSymbolicLink(ferry.alpha("abs-escape"), outside);
    Files.createSymbolicLink(ferry.alpha("rel-escape"), Path.of("../../../outside"));
    Files.createSymbolicLink(ferry.alpha("file-escape"), outside.resolve("secret.txt"));
  }

  @AfterAll
  static void stop() {
    ferry.close();
  }

  private static int status(ThrowingCall call) {
    try {
      call.run();
    } catch (Nfs3Exception e) {
      return e.status();
    } catch (MountException e) {
      return e.status();
    } catch (Exception e) {
      throw new AssertionError("expected an NFS error, got " + e, e);
    }
    throw new AssertionError("expected an NFS error, but the call succeeded");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void dotDotAtTheRootIsTheRoot() throws Exception {
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      assertThat(s.lookup(root, "..")).isEqualTo(root);
      assertThat(s.lookup(s.lookup(root, ".."), "..")).isEqualTo(root);
      assertThat(status(() -> s.lookup(root, "../beta")))
          .isIn(Nfsstat3.NFS3ERR_INVAL, Nfsstat3.NFS3ERR_ACCES);
      assertThat(status(() -> s.mount("/alpha/../beta"))).isIn(MNT3ERR_NOENT, MNT3ERR_ACCES);
      assertThat(status(() -> s.mount("/nope"))).isEqualTo(MNT3ERR_NOENT);
    }
  }

  @Test
  void backendSymlinksPointingOutsideAreNeverFollowed() throws Exception {
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      for (String link : List.of("abs-escape", "rel-escape")) {
        NfsFh3 h = s.lookup(root, link);
        assertThat(s.nfs.getattr(h).type().name()).isEqualTo("NF3LNK");
        assertThat(status(() -> s.lookup(h, "secret.txt")))
            .isIn(Nfsstat3.NFS3ERR_NOTDIR, Nfsstat3.NFS3ERR_INVAL, Nfsstat3.NFS3ERR_ACCES);
        assertThat(status(() -> s.nfs.readdir(h, 0, 0, 4096))).isEqualTo(Nfsstat3.NFS3ERR_NOTDIR);
      }
      NfsFh3 fileLink = s.lookup(root, "file-escape");
      assertThat(status(() -> s.nfs.read(fileLink, 0, 100)))
          .isIn(Nfsstat3.NFS3ERR_INVAL, Nfsstat3.NFS3ERR_ACCES);
      assertThat(status(() -> s.create(s.lookup(root, "abs-escape"), "planted")))
          .isIn(Nfsstat3.NFS3ERR_NOTDIR, Nfsstat3.NFS3ERR_INVAL, Nfsstat3.NFS3ERR_ACCES);
    }
    // libnfs follows symlinks on the client side, relative to the mount: still nothing outside
    LibNfs.requireInstalled();
    Run.Result r = ferry.libnfs().cat("/alpha/file-escape");
    assertThat(r.stdout()).doesNotContain("must not be readable");
    try (var stream = Files.list(outside)) {
      assertThat(stream.toList()).containsExactly(outside.resolve("secret.txt"));
    }
  }

  @Test
  void clientMadeSymlinksWithAbsoluteTargetsAreStoredNotFollowed() throws Exception {
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      s.nfs.symlink(root, "passwd", "/etc/passwd", Sattr3.NONE);
      NfsFh3 link = s.lookup(root, "passwd");
      assertThat(s.nfs.readlink(link)).isEqualTo("/etc/passwd");
      assertThat(status(() -> s.nfs.read(link, 0, 100)))
          .isIn(Nfsstat3.NFS3ERR_INVAL, Nfsstat3.NFS3ERR_ACCES);
    }
    assertThat(Files.readSymbolicLink(ferry.alpha("passwd"))).isEqualTo(Path.of("/etc/passwd"));
  }

  @Test
  void forgedHandlesAreRefused() throws Exception {
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      NfsFh3 file = s.create(root, "private.txt");
      s.write(file, "alpha only".getBytes(StandardCharsets.UTF_8));
      NfsFh3 beta = s.mount("/beta");

      // a handle with its export index changed by a client: the MAC no longer matches
      byte[] tampered = file.data().clone();
      byte[] betaBytes = beta.data();
      System.arraycopy(betaBytes, 1, tampered, 1, 4);
      assertThat(status(() -> s.nfs.getattr(new NfsFh3(tampered))))
          .isIn(Nfsstat3.NFS3ERR_BADHANDLE, Nfsstat3.NFS3ERR_STALE);

      // even a correctly signed handle naming alpha's object in export beta is refused
      HandleCodec codec = new HandleCodec(ferry.server().files().handleSecret());
      FileRef real = codec.decode(file.data());
      FileRef betaRoot = codec.decode(beta.data());
      NfsFh3 crossExport =
          new NfsFh3(
              codec.encode(
                  new FileRef(betaRoot.exportIndex(), real.objectId(), real.generation())));
      assertThat(status(() -> s.nfs.getattr(crossExport))).isEqualTo(Nfsstat3.NFS3ERR_STALE);
      assertThat(status(() -> s.nfs.read(crossExport, 0, 10))).isEqualTo(Nfsstat3.NFS3ERR_STALE);

      // garbage of the right length
      assertThat(status(() -> s.nfs.getattr(new NfsFh3(new byte[file.data().length]))))
          .isEqualTo(Nfsstat3.NFS3ERR_BADHANDLE);
    }
  }

  @Test
  void exportClientRulesAreEnforcedAtMountAndOnEveryRequest() throws Exception {
    NfsFh3 open;
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      open = s.mount("/beta"); // beta admits 127.0.0.0/8
      assertThat(s.nfs.getattr(open)).isNotNull();
    }
    ferry.server().exports().add("fenced", "a", "/fenced", List.of("10.0.0.0/8"), false);
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      assertThat(status(() -> s.mount("/fenced"))).isEqualTo(MNT3ERR_ACCES);
      NfsFh3 root = s.mount("/alpha");
      HandleCodec codec = new HandleCodec(ferry.server().files().handleSecret());
      FileRef r = codec.decode(root.data());
      int fenced =
          ferry.server().mappings().stream()
              .filter(m -> m.name().equals("fenced"))
              .findFirst()
              .orElseThrow()
              .exportIndex();
      long fencedRoot =
          ferry.server().files().exports().stream()
              .filter(e -> e.name().equals("fenced"))
              .findFirst()
              .orElseThrow()
              .root()
              .objectId();
      NfsFh3 guessed = new NfsFh3(codec.encode(new FileRef(fenced, fencedRoot, r.generation())));
      assertThat(status(() -> s.nfs.getattr(guessed))).isEqualTo(Nfsstat3.NFS3ERR_ACCES);
    }
  }
}
