package org.ferryfs.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.WriteStability;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.MountClient;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real NFS client against our server: Debian's libnfs-utils ({@code nfs-ls}, {@code nfs-cat},
 * {@code nfs-cp}) talking NFSv3 and MOUNT v3 to {@link NfsServer} in front of {@link
 * InMemoryFileService}. Skipped, with a message saying so, where the tools are not installed.
 */
@Timeout(120)
class LibnfsInteropTest {

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  private InMemoryFileService files;
  private NfsServer server;
  private int port;

  @TempDir Path tmp;

  @BeforeEach
  void start() throws Exception {
    for (String tool : List.of("nfs-ls", "nfs-cat", "nfs-cp")) {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin", tool)),
          "libnfs-utils is not installed (/usr/bin/" + tool + " missing): interop test skipped");
    }
    files = new InMemoryFileService();
    ExportView alpha = files.addExport("alpha");
    Caller root = InMemoryFileService.root();
    FileRef hello =
        files
            .create(root, alpha.root(), "hello.txt", CreateMode.GUARDED, SetAttributes.NONE, 0)
            .ref();
    files.write(
        root,
        hello,
        0,
        ByteBuffer.wrap("hello from ferry\n".getBytes(StandardCharsets.UTF_8)),
        WriteStability.FILE_SYNC);
    FileRef sub = files.mkdir(root, alpha.root(), "subdir", SetAttributes.NONE).ref();
    for (int i = 0; i < 200; i++) {
      files.create(root, sub, "file-" + i, CreateMode.GUARDED, SetAttributes.NONE, 0);
    }
    server = new NfsServer(files, NfsServerConfig.of(InetAddress.getLoopbackAddress(), 0));
    server.start();
    port = server.port();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private String url(String path) {
    return "nfs://127.0.0.1/alpha" + path + "?version=3&nfsport=" + port + "&mountport=" + port;
  }

  @Test
  void nfsLsListsTheExport() throws Exception {
    Result r = run("nfs-ls", url(""));
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).contains("hello.txt").contains("subdir");

    Result big = run("nfs-ls", url("/subdir"));
    assertThat(big.exit()).as(big.toString()).isZero();
    for (int i = 0; i < 200; i++) {
      assertThat(big.stdout()).contains("file-" + i);
    }
  }

  @Test
  void nfsCatReadsAFile() throws Exception {
    Result r = run("nfs-cat", url("/hello.txt"));
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.stdout()).isEqualTo("hello from ferry\n");
  }

  @Test
  void nfsCpCopiesInAndOut() throws Exception {
    byte[] data = new byte[(5 << 20) / 2 + 12345];
    new Random(7).nextBytes(data);
    Path local = tmp.resolve("in.bin");
    Files.write(local, data);

    Result up = run("nfs-cp", local.toString(), url("/copy.bin"));
    assertThat(up.exit()).as(up.toString()).isZero();

    // Check what arrived through our own client.
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (MountClient mount =
            new MountClient(address, ClientCredentials.sys(0, 0), Duration.ofSeconds(10));
        Nfs3Client nfs =
            new Nfs3Client(address, ClientCredentials.sys(0, 0), Duration.ofSeconds(10))) {
      NfsFh3 fh = nfs.lookup(mount.mount("/alpha"), "copy.bin").object();
      assertThat(nfs.getattr(fh).size()).isEqualTo(data.length);
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      long offset = 0;
      while (true) {
        READ3res r = nfs.read(fh, offset, 1 << 20);
        byte[] chunk = new byte[r.count()];
        r.data().duplicate().get(chunk);
        back.write(chunk);
        offset += r.count();
        if (r.eof()) {
          break;
        }
      }
      assertThat(back.toByteArray()).isEqualTo(data);
    }

    Path out = tmp.resolve("out.bin");
    Result down = run("nfs-cp", url("/copy.bin"), out.toString());
    assertThat(down.exit()).as(down.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, "/usr/bin/" + cmd.get(0));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    if (!p.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TOOL_TIMEOUT);
    }
    return new Result(
        p.exitValue(),
        new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
        new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
