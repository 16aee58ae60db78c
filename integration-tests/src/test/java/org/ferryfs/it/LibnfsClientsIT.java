package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.ferryfs.nfs.v3.xdr.Entryplus3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;
import org.ferryfs.nfs.v3.xdr.Sattr3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry driven by Debian's libnfs tools ({@code nfs-cp}, {@code nfs-cat}, {@code nfs-ls}) and by
 * Ferry's own NFSv3 client, over two local-directory backends.
 */
class LibnfsClientsIT {
  @TempDir static Path tmp;
  static FerryFixture ferry;
  static LibNfs libnfs;

  @BeforeAll
  static void start() throws Exception {
    LibNfs.requireInstalled();
    ferry = FerryFixture.start(tmp.resolve("ferry"));
    libnfs = ferry.libnfs();
  }

  @AfterAll
  static void stop() {
    if (ferry != null) {
      ferry.close();
    }
  }

  @Test
  void twentyMebibytesGoInAndComeBackByteIdentical() throws Exception {
    byte[] data = new byte[20 * 1024 * 1024];
    new Random(20).nextBytes(data);
    Path local = tmp.resolve("big.in");
    Files.write(local, data);

    libnfs.cp(local.toString(), libnfs.url("/alpha/big.bin")).requireSuccess("nfs-cp in");
    // the bytes land in the backend directory at the mapped path
    assertThat(Files.readAllBytes(ferry.alpha("big.bin"))).isEqualTo(data);

    Path back = tmp.resolve("big.out");
    libnfs.cp(libnfs.url("/alpha/big.bin"), back.toString()).requireSuccess("nfs-cp out");
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
  }

  @Test
  void theSecondExportLivesOnTheSecondBackend() throws Exception {
    Path local = tmp.resolve("note.txt");
    Files.writeString(local, "on backend b");
    libnfs.cp(local.toString(), libnfs.url("/beta/note.txt")).requireSuccess("nfs-cp");
    assertThat(Files.readString(ferry.backendB.resolve("beta/note.txt"))).isEqualTo("on backend b");
    assertThat(libnfs.cat("/beta/note.txt").requireSuccess("nfs-cat").stdout())
        .isEqualTo("on backend b");
    assertThat(Files.exists(ferry.backendA.resolve("beta"))).isFalse();
  }

  @Test
  void aDirectoryOfTenThousandEntriesIsListedCompletely() throws Exception {
    Set<String> names = new HashSet<>();
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      NfsFh3 dir = s.mkdir(root, "many");
      for (int i = 0; i < 10_000; i++) {
        String name = "entry-" + i;
        s.create(dir, name);
        names.add(name);
      }
      // our own client, paging with small replies
      Set<String> seen = new HashSet<>();
      long cookie = 0;
      long verf = 0;
      int pages = 0;
      while (true) {
        READDIRPLUS3res r = s.nfs.readdirplus(dir, cookie, verf, 4096, 16384);
        for (Entryplus3 e : r.entries()) {
          if (!e.name().equals(".") && !e.name().equals("..")) {
            assertThat(seen.add(e.name())).as("listed twice: %s", e.name()).isTrue();
          }
          cookie = e.cookie();
        }
        verf = r.cookieverf();
        pages++;
        if (r.eof()) {
          break;
        }
      }
      assertThat(seen).isEqualTo(names);
      assertThat(pages).isGreaterThan(10);
    }
    try (Stream<Path> onBackend = Files.list(ferry.alpha("many"))) {
      assertThat(onBackend.count()).isEqualTo(10_000);
    }
    // and Debian's nfs-ls sees every one of them
    String listing = libnfs.ls("/alpha/many").requireSuccess("nfs-ls").stdout();
    Set<String> listed =
        Arrays.stream(listing.split("\n"))
            .filter(l -> !l.isBlank())
            .map(l -> l.substring(l.lastIndexOf(' ') + 1))
            .filter(n -> !n.equals(".") && !n.equals(".."))
            .collect(Collectors.toSet());
    assertThat(listed).isEqualTo(names);
  }

  @Test
  void namespaceOperationsReachTheBackendAndShowInNfsLs() throws Exception {
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      NfsFh3 root = s.mount("/alpha");
      NfsFh3 work = s.mkdir(root, "work");
      NfsFh3 docs = s.mkdir(work, "docs");
      NfsFh3 file = s.create(work, "draft.txt");
      s.write(file, "first draft".getBytes(StandardCharsets.UTF_8));

      // rename into another directory: the handle keeps working
      s.nfs.rename(work, "draft.txt", docs, "final.txt");
      assertThat(new String(s.read(file), StandardCharsets.UTF_8)).isEqualTo("first draft");
      assertThat(Files.readString(ferry.alpha("work/docs/final.txt"))).isEqualTo("first draft");
      assertThat(Files.exists(ferry.alpha("work/draft.txt"))).isFalse();

      // symbolic link, stored verbatim
      s.nfs.symlink(work, "latest", "docs/final.txt", Sattr3.NONE);
      NfsFh3 link = s.lookup(work, "latest");
      assertThat(s.nfs.readlink(link)).isEqualTo("docs/final.txt");
      assertThat(Files.readSymbolicLink(ferry.alpha("work/latest")))
          .isEqualTo(Path.of("docs/final.txt"));

      // hard link: one object, two names
      s.nfs.link(file, work, "hard.txt");
      assertThat(s.lookup(work, "hard.txt")).isEqualTo(file);
      assertThat(s.nfs.getattr(file).nlink()).isEqualTo(2);
      assertThat(Files.isSameFile(ferry.alpha("work/hard.txt"), ferry.alpha("work/docs/final.txt")))
          .isTrue();
      assertThat(libnfs.cat("/alpha/work/hard.txt").requireSuccess("nfs-cat").stdout())
          .isEqualTo("first draft");

      String listing = libnfs.ls("/alpha/work").requireSuccess("nfs-ls").stdout();
      assertThat(listing).contains("docs").contains("latest").contains("hard.txt");

      // remove and rmdir
      s.nfs.remove(work, "hard.txt");
      s.nfs.remove(docs, "final.txt");
      s.nfs.remove(work, "latest");
      s.nfs.rmdir(work, "docs");
      try (Stream<Path> left = Files.list(ferry.alpha("work"))) {
        assertThat(left.toList()).isEmpty();
      }
      assertThat(
              libnfs
                  .ls("/alpha/work")
                  .requireSuccess("nfs-ls")
                  .stdout()
                  .lines()
                  .filter(l -> !l.endsWith(" .") && !l.endsWith(" .."))
                  .toList())
          .isEqualTo(List.of());
    }
  }
}
