package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.v3.xdr.Entryplus3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.ferryfs.nfs.v3.xdr.SetTime3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One file-operation suite through Ferry's NFSv3 and SMB front ends to every backend kind: a local
 * directory, Samba ({@code smb://}) and nfs-ganesha ({@code nfs://}), each checked on the backend's
 * own disk; files written over Ferry's SMB front end read back over its NFS front end and the other
 * way round. Also: files written to Samba directly are read through Ferry and the other way round;
 * two smbd on one directory, declared with one storage id, serve the same export data.
 */
class BackendKindsIT {
  @TempDir static Path tmp;
  static RealBackends servers;
  static LibNfs libnfs;

  @BeforeAll
  static void start() throws Exception {
    servers = RealBackends.start(tmp.resolve("servers"));
    libnfs = servers.libnfs();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void eightMebibytesGoInAndComeBackByteIdentical(String export) throws Exception {
    byte[] data = new byte[8 * 1024 * 1024 + 12345];
    new Random(export.hashCode()).nextBytes(data);
    Path in = tmp.resolve(export + "-big.in");
    Files.write(in, data);

    libnfs.cp(in.toString(), libnfs.url("/" + export + "/big.bin")).requireSuccess("nfs-cp in");
    assertThat(Files.readAllBytes(servers.onDisk(export, "big.bin"))).isEqualTo(data);

    Path out = tmp.resolve(export + "-big.out");
    libnfs.cp(libnfs.url("/" + export + "/big.bin"), out.toString()).requireSuccess("nfs-cp out");
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void namespaceOperationsReachTheBackend(String export) throws Exception {
    try (NfsSession s = new NfsSession(servers.nfsPort())) {
      NfsFh3 root = s.mount("/" + export);
      NfsFh3 work = s.mkdir(root, "work");
      NfsFh3 docs = s.mkdir(work, "docs");
      NfsFh3 file = s.create(work, "draft.txt");
      s.write(file, "first draft".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(servers.onDisk(export, "work/draft.txt")))
          .isEqualTo("first draft");

      // rename into another directory: the handle keeps working
      s.nfs.rename(work, "draft.txt", docs, "final.txt");
      assertThat(new String(s.read(file), StandardCharsets.UTF_8)).isEqualTo("first draft");
      assertThat(Files.readString(servers.onDisk(export, "work/docs/final.txt")))
          .isEqualTo("first draft");
      assertThat(Files.exists(servers.onDisk(export, "work/draft.txt"))).isFalse();

      // truncate and set the modification time
      s.nfs.setattr(
          file, new Sattr3(null, null, null, 5L, SetTime3.DONT_CHANGE, SetTime3.DONT_CHANGE), null);
      assertThat(s.nfs.getattr(file).size()).isEqualTo(5);
      assertThat(Files.readString(servers.onDisk(export, "work/docs/final.txt")))
          .isEqualTo("first");

      String listing = libnfs.ls("/" + export + "/work").requireSuccess("nfs-ls").stdout();
      assertThat(listing).contains("docs");
      assertThat(libnfs.cat("/" + export + "/work/docs/final.txt").requireSuccess("cat").stdout())
          .isEqualTo("first");

      s.nfs.remove(docs, "final.txt");
      s.nfs.rmdir(work, "docs");
      try (Stream<Path> left = Files.list(servers.onDisk(export, "work"))) {
        assertThat(left.toList()).isEmpty();
      }
      s.nfs.rmdir(root, "work");
      assertThat(Files.exists(servers.onDisk(export, "work"))).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void linksWhereTheBackendHasThemAndAClearRefusalWhereItHasNot(String export) throws Exception {
    boolean hasLinks = !export.equals("on-smb");
    try (NfsSession s = new NfsSession(servers.nfsPort())) {
      NfsFh3 root = s.mount("/" + export);
      NfsFh3 dir = s.mkdir(root, "links");
      NfsFh3 file = s.create(dir, "target.txt");
      s.write(file, "linked".getBytes(StandardCharsets.UTF_8));
      if (hasLinks) {
        s.nfs.symlink(dir, "soft", "target.txt", Sattr3.NONE);
        assertThat(s.nfs.readlink(s.lookup(dir, "soft"))).isEqualTo("target.txt");
        assertThat(Files.readSymbolicLink(servers.onDisk(export, "links/soft")))
            .isEqualTo(Path.of("target.txt"));
        s.nfs.link(file, dir, "hard.txt");
        assertThat(s.nfs.getattr(file).nlink()).isEqualTo(2);
        assertThat(
                Files.isSameFile(
                    servers.onDisk(export, "links/hard.txt"),
                    servers.onDisk(export, "links/target.txt")))
            .isTrue();
      } else {
        // NFS3ERR_NOTSUPP (10004): SMB shares hold no POSIX links
        assertThatThrownBy(() -> s.nfs.symlink(dir, "soft", "target.txt", Sattr3.NONE))
            .isInstanceOfSatisfying(
                Nfs3Exception.class, e -> assertThat(e.status()).isEqualTo(10004));
        assertThatThrownBy(() -> s.nfs.link(file, dir, "hard.txt"))
            .isInstanceOfSatisfying(
                Nfs3Exception.class, e -> assertThat(e.status()).isEqualTo(10004));
        assertThat(Files.exists(servers.onDisk(export, "links/soft"))).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void aDirectoryOfAThousandEntriesIsListedCompletely(String export) throws Exception {
    Set<String> names = new HashSet<>();
    try (NfsSession s = new NfsSession(servers.nfsPort())) {
      NfsFh3 root = s.mount("/" + export);
      NfsFh3 dir = s.mkdir(root, "many");
      for (int i = 0; i < 1000; i++) {
        String name = "entry-" + i;
        s.create(dir, name);
        names.add(name);
      }
      Set<String> seen = new HashSet<>();
      long cookie = 0;
      long verf = 0;
      while (true) {
        READDIRPLUS3res r = s.nfs.readdirplus(dir, cookie, verf, 4096, 16384);
        for (Entryplus3 e : r.entries()) {
          if (!e.name().equals(".") && !e.name().equals("..")) {
            assertThat(seen.add(e.name())).as("listed twice: %s", e.name()).isTrue();
          }
          cookie = e.cookie();
        }
        verf = r.cookieverf();
        if (r.eof()) {
          break;
        }
      }
      assertThat(seen).isEqualTo(names);
    }
    try (Stream<Path> onBackend = Files.list(servers.onDisk(export, "many"))) {
      assertThat(onBackend.count()).isEqualTo(1000);
    }
    Set<String> listed =
        Arrays.stream(
                libnfs.ls("/" + export + "/many").requireSuccess("nfs-ls").stdout().split("\n"))
            .filter(l -> !l.isBlank())
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .filter(n -> !n.equals(".") && !n.equals(".."))
            .collect(Collectors.toSet());
    assertThat(listed).isEqualTo(names);
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void smbClientsThroughFerryPutGetListRenameDelete(String export) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("smb-" + export));
    byte[] data = new byte[6 * 1024 * 1024 + 777];
    new Random(export.hashCode() + 1).nextBytes(data);
    Files.write(work.resolve("in.bin"), data);
    servers
        .ferrySmb(export, work, "mkdir sd; put in.bin sd\\big.bin; get sd\\big.bin out.bin")
        .requireSuccess("smbclient put/get through Ferry to " + export);
    assertThat(Files.readAllBytes(servers.onDisk(export, "sd/big.bin"))).isEqualTo(data);
    assertThat(Files.readAllBytes(work.resolve("out.bin"))).isEqualTo(data);
    assertThat(servers.ferrySmb(export, work, "ls sd\\*").requireSuccess("ls").stdout())
        .contains("big.bin")
        .contains(Integer.toString(data.length));
    servers.ferrySmb(export, work, "rename sd\\big.bin sd\\moved.bin").requireSuccess("rename");
    assertThat(Files.size(servers.onDisk(export, "sd/moved.bin"))).isEqualTo(data.length);
    servers.ferrySmb(export, work, "del sd\\moved.bin; rmdir sd").requireSuccess("del/rmdir");
    assertThat(Files.exists(servers.onDisk(export, "sd"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"on-local", "on-smb", "on-nfs"})
  void writtenOverFerrysSmbReadOverFerrysNfsAndBack(String export) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("cross-" + export));
    Files.writeString(work.resolve("smb-made.txt"), "written over SMB to " + export);
    servers.ferrySmb(export, work, "put smb-made.txt").requireSuccess("smbclient put");
    assertThat(libnfs.cat("/" + export + "/smb-made.txt").requireSuccess("nfs-cat").stdout())
        .isEqualTo("written over SMB to " + export);

    Path local = tmp.resolve("nfs-made-" + export + ".txt");
    Files.writeString(local, "written over NFS to " + export);
    libnfs.cp(local.toString(), libnfs.url("/" + export + "/nfs-made.txt")).requireSuccess("cp");
    servers.ferrySmb(export, work, "get nfs-made.txt").requireSuccess("smbclient get");
    assertThat(Files.readString(work.resolve("nfs-made.txt")))
        .isEqualTo("written over NFS to " + export);
  }

  @Test
  void writtenOverSmbReadOverNfsAndBack() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("smbclient-work"));
    Files.writeString(work.resolve("from-smb.txt"), "written by smbclient");
    RealBackends.smbclient(servers.s1, work, "cd data; put from-smb.txt")
        .requireSuccess("smbclient put");
    assertThat(libnfs.cat("/on-smb/from-smb.txt").requireSuccess("nfs-cat").stdout())
        .isEqualTo("written by smbclient");

    Path local = tmp.resolve("from-nfs.txt");
    Files.writeString(local, "written through Ferry over NFS");
    libnfs.cp(local.toString(), libnfs.url("/on-smb/from-nfs.txt")).requireSuccess("nfs-cp");
    RealBackends.smbclient(servers.s1, work, "cd data; get from-nfs.txt")
        .requireSuccess("smbclient get");
    assertThat(Files.readString(work.resolve("from-nfs.txt")))
        .isEqualTo("written through Ferry over NFS");
  }

  @Test
  void theAdminApiShowsEachBackendsHealthAndLoadButNeverItsPassword() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024];
    new Random(3).nextBytes(data);
    Path in = tmp.resolve("load.in");
    Files.write(in, data);
    libnfs.cp(in.toString(), libnfs.url("/on-nfs/load.bin")).requireSuccess("nfs-cp to n1");
    libnfs.cp(in.toString(), libnfs.url("/on-smb/load.bin")).requireSuccess("nfs-cp to s1");
    com.fasterxml.jackson.databind.JsonNode backends = servers.adminBackends();
    assertThat(backends.toString()).doesNotContain(RealBackends.SMB_PASSWORD);
    assertThat(backends.toString())
        .doesNotContain(org.ferryfs.backend.testing.SambaServer.PASSWORD);
    for (String name : List.of("s1", "n1")) {
      com.fasterxml.jackson.databind.JsonNode b = null;
      for (com.fasterxml.jackson.databind.JsonNode n : backends) {
        if (n.path("name").asText().equals(name)) {
          b = n;
        }
      }
      assertThat(b).as(name).isNotNull();
      assertThat(b.path("health").asText()).isEqualTo("UP");
      com.fasterxml.jackson.databind.JsonNode window = b.path("load").get(0);
      assertThat(window.path("write-bytes-per-second").asDouble()).as(name).isPositive();
      assertThat(window.path("ops-per-second").path("write").asDouble()).as(name).isPositive();
      assertThat(window.path("latency-p99-us").asLong()).as(name).isPositive();
    }
  }

  @Test
  void twoSmbdOnOneStorageServeTheSameExportData() throws Exception {
    Path a = tmp.resolve("twin-a.txt");
    Files.writeString(a, "through s1");
    libnfs.cp(a.toString(), libnfs.url("/on-smb/twin.txt")).requireSuccess("nfs-cp via s1");
    assertThat(libnfs.cat("/on-smb-twin/twin.txt").requireSuccess("nfs-cat via s2").stdout())
        .isEqualTo("through s1");

    Path b = tmp.resolve("twin-b.txt");
    Files.writeString(b, "through s2, longer");
    libnfs.cp(b.toString(), libnfs.url("/on-smb-twin/twin2.txt")).requireSuccess("nfs-cp s2");
    assertThat(libnfs.cat("/on-smb/twin2.txt").requireSuccess("nfs-cat via s1").stdout())
        .isEqualTo("through s2, longer");
    assertThat(List.of(servers.s1.shareDir(), servers.s2.shareDir()))
        .allMatch(d -> d.equals(servers.sharedSmbDir));
  }
}
