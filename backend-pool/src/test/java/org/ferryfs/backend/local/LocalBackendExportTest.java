package org.ferryfs.backend.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendExportContractTest;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.TimeChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local driver: the backend contract over a temporary directory, plus what only the local
 * driver has (its URL and root checks, export paths, the view from the real file system).
 */
class LocalBackendExportTest extends BackendExportContractTest {

  private static final byte[] SECRET =
      "TOP SECRET: must never be read through an export".getBytes(UTF_8);

  @TempDir Path tmp;

  private Backend backend;

  private Path backendRoot() {
    return tmp.resolve("backend");
  }

  private Path outsideDir() {
    return tmp.resolve("outside");
  }

  @Override
  protected BackendExport openExport() throws Exception {
    Files.createDirectories(backendRoot());
    Files.createDirectories(outsideDir());
    Files.write(outsideDir().resolve("secret"), SECRET);
    Files.setAttribute(outsideDir().resolve("secret"), "unix:mode", 0600);
    backend = new LocalDriver().open(config(backendRoot().toUri()));
    return backend.export("/export", true);
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  @Override
  protected Optional<Outside> outside() {
    return Optional.of(
        new Outside(
            outsideDir().toString(),
            "../../outside",
            "secret",
            SECRET.clone(),
            this::snapshotOutside));
  }

  /** Everything in the outside directory: names, types, modes, owners, sizes, times, contents. */
  private Object snapshotOutside() throws IOException {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(outsideDir())) {
      for (Path p : walk.toList()) {
        Map<String, Object> a =
            Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ino", NOFOLLOW_LINKS);
        String content =
            Files.isRegularFile(p, NOFOLLOW_LINKS) ? Arrays.toString(Files.readAllBytes(p)) : "";
        state.put(outsideDir().relativize(p).toString(), a + " " + content);
      }
    }
    return state;
  }

  private LocalBackendExport local() {
    return (LocalBackendExport) export;
  }

  private Path exportDir() {
    return backendRoot().resolve("export");
  }

  private static BackendConfig config(URI url) {
    return new BackendConfig("local-test", url, Map.of());
  }

  // =============================================================================================
  // The driver

  @Test
  void theDriverServesTheFileScheme() {
    assertThat(new LocalDriver().scheme()).isEqualTo("file");
  }

  @Test
  void aMissingRootIsRefusedWithAClearMessage() {
    Path missing = tmp.resolve("no-such-dir");
    assertThatThrownBy(() -> new LocalDriver().open(config(missing.toUri())))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.NOT_FOUND);
              assertThat(e.getMessage())
                  .contains("local-test")
                  .contains(missing.toString())
                  .contains("does not exist")
                  .doesNotContain("\n");
            });
  }

  @Test
  void aFileAsRootIsRefused() throws IOException {
    Path file = Files.createFile(tmp.resolve("file"));
    assertThatThrownBy(() -> new LocalDriver().open(config(file.toUri())))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.NOT_DIRECTORY);
              assertThat(e.getMessage()).contains(file.toString()).contains("not a directory");
            });
  }

  @Test
  void badUrlsAndOptionsAreRefused() throws BackendException {
    for (String url :
        List.of(
            "smb://host/share",
            "file://otherhost/srv",
            "file:relative/path",
            "file:///srv?x=1",
            "file:///srv#frag")) {
      assertThatThrownBy(() -> new LocalDriver().open(config(URI.create(url))))
          .as(url)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> {
                assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT);
                assertThat(e.getMessage()).contains("absolute file URL");
              });
    }
    BackendConfig withOptions =
        new BackendConfig("b", tmp.toUri(), Map.of("password", "hunter2", "cache", "on"));
    assertThatThrownBy(() -> new LocalDriver().open(withOptions))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.getMessage()).contains("[cache, password]").doesNotContain("hunter2");
            });
    BackendConfig withStorage =
        new BackendConfig("b", tmp.toUri(), Map.of("storage", "nas-1"), Duration.ofSeconds(2));
    try (var b = new LocalDriver().open(withStorage)) {
      b.probe();
    }
  }

  @Test
  void aRootGivenThroughALinkIsUsedByItsRealPath() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real-root"));
    Path link = Files.createSymbolicLink(tmp.resolve("root-link"), real);
    try (LocalBackend b = (LocalBackend) new LocalDriver().open(config(link.toUri()))) {
      assertThat(b.root()).isEqualTo(real.toRealPath());
      b.probe();
    }
  }

  @Test
  void onlyUtf8FileNamesAreAccepted() throws BackendException {
    LocalDriver.checkFileNameEncoding("b", "UTF-8");
    LocalDriver.checkFileNameEncoding("b", "utf8");
    assertThatThrownBy(() -> LocalDriver.checkFileNameEncoding("b", "ANSI_X3.4-1968"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.getMessage()).contains("UTF-8").contains("ANSI_X3.4-1968"));
    assertThatThrownBy(() -> LocalDriver.checkFileNameEncoding("b", null))
        .isInstanceOf(BackendException.class);
    assertThatThrownBy(() -> LocalDriver.checkFileNameEncoding("b", "no-such-charset"))
        .isInstanceOf(BackendException.class);
  }

  @Test
  void translatedErrorTextsAreNoticed() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("probe"));
    assertThat(LocalDriver.errorTextProbe(dir)).startsWith("Is a directory");
    assertThat(LocalDriver.warnIfErrorTextsTranslated("b", "Is a directory")).isFalse();
    assertThat(LocalDriver.warnIfErrorTextsTranslated("b", "Ist ein Verzeichnis")).isTrue();
    assertThat(LocalDriver.warnIfErrorTextsTranslated("b", null)).isFalse();
  }

  @Test
  void thePoolOpensLocalBackends() throws Exception {
    Files.createDirectories(tmp.resolve("pooled"));
    try (BackendPool pool = new BackendPool(List.of(new LocalDriver()))) {
      Backend b = pool.add(new BackendConfig("a", tmp.resolve("pooled").toUri(), Map.of()));
      try (BackendExport e = b.export("/alpha", true)) {
        e.create("f", SetAttributes.NONE, true);
      }
      assertThat(tmp.resolve("pooled/alpha/f")).isRegularFile();
    }
  }

  // =============================================================================================
  // Export paths

  @Test
  void exportPathsMustStayInsideTheBackendRoot() throws Exception {
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(backendRoot().resolve("out"), tmp.resolve("elsewhere"));
    Files.createSymbolicLink(backendRoot().resolve("in"), exportDir());
    for (String bad :
        List.of("..", "/..", "/../outside", "/a/../..", "relative", "/a//b", "/a/", "/./a", "")) {
      assertThatThrownBy(() -> backend.export(bad, true))
          .as(bad)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> assertThat(e.status()).isEqualTo(BackendStatus.INVALID_ARGUMENT));
    }
    for (String link : List.of("/out", "/out/x", "/in")) {
      assertThatThrownBy(() -> backend.export(link, true))
          .as(link)
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> {
                assertThat(e.status()).isEqualTo(BackendStatus.SYMLINK_LOOP);
                assertThat(e.getMessage()).contains("symbolic link");
              });
    }
    assertThat(tmp.resolve("elsewhere")).isEmptyDirectory();
    assertThat(tmp.resolve("outside/x")).doesNotExist();
  }

  @Test
  void exportPathsAreCreatedOnlyWhenAsked() throws Exception {
    assertThatThrownBy(() -> backend.export("/beta/gamma", false))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.NOT_FOUND);
              assertThat(e.getMessage()).contains("/beta").contains("does not exist");
            });
    try (BackendExport e = backend.export("/beta/gamma", true)) {
      assertThat(e.describe()).endsWith("/backend/beta/gamma");
    }
    assertThat(backendRoot().resolve("beta/gamma")).isDirectory();
    Files.createFile(backendRoot().resolve("plain"));
    assertThatThrownBy(() -> backend.export("/plain", true))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).isEqualTo(BackendStatus.NOT_DIRECTORY));
    try (BackendExport whole = backend.export("/", false)) {
      assertThat(whole.list("")).extracting(d -> d.name()).contains("export", "beta", "plain");
    }
  }

  @Test
  void aClosedExportAnswersUnavailable() throws Exception {
    export.close();
    assertFails(BackendStatus.UNAVAILABLE, () -> export.getattr(""));
    assertFails(BackendStatus.UNAVAILABLE, () -> export.open("x", OpenMode.READ));
    export.close();
  }

  @Test
  void closingTheBackendClosesItsExports() throws Exception {
    backend.close();
    assertFails(BackendStatus.UNAVAILABLE, () -> export.list(""));
  }

  @Test
  void probeNoticesAVanishedRoot() throws Exception {
    backend.probe();
    Files.move(backendRoot(), tmp.resolve("moved"), StandardCopyOption.ATOMIC_MOVE);
    assertFails(BackendStatus.UNAVAILABLE, () -> backend.probe());
  }

  // =============================================================================================
  // What the real file system shows

  @Test
  void attributesMatchTheFileSystem() throws Exception {
    write("f", bytes(5000, 1));
    FileAttributes a = export.getattr("f");
    Path p = exportDir().resolve("f");
    Map<String, Object> unix =
        Files.readAttributes(p, "unix:ino,nlink,uid,gid,mode,ctime", NOFOLLOW_LINKS);
    assertThat(a.fileId()).isEqualTo((Long) unix.get("ino"));
    assertThat(a.nlink()).isEqualTo((Integer) unix.get("nlink"));
    assertThat(a.uid()).isEqualTo((Integer) unix.get("uid"));
    assertThat(a.gid()).isEqualTo((Integer) unix.get("gid"));
    assertThat(a.mode()).isEqualTo((Integer) unix.get("mode") & 07777);
    assertThat(a.ctime())
        .isEqualTo(((java.nio.file.attribute.FileTime) unix.get("ctime")).toInstant());
    assertThat(a.spaceUsed()).isGreaterThanOrEqualTo(5000).isEqualTo(8192); // 4 KiB blocks
    assertThat(export.getattr("").spaceUsed()).isPositive();
  }

  @Test
  void birthTimeIsReportedWhereTheFileSystemKeepsIt() throws Exception {
    FileAttributes a = export.create("f", SetAttributes.NONE, true);
    Instant past = Instant.parse("2000-01-01T00:00:00Z");
    FileAttributes b =
        export.setattr("f", SetAttributes.NONE.withTimes(TimeChange.to(past), TimeChange.to(past)));
    if (LocalBackendExport.probeBirthTime(exportDir())) {
      assertThat(a.birthTime()).isNotNull();
      assertThat(b.birthTime()).isEqualTo(a.birthTime()).isAfter(past);
    } else {
      assertThat(a.birthTime()).isNull();
      assertThat(b.birthTime()).isNull();
    }
  }

  @Test
  void deviceNumbersAreSplitTheLinuxWay() throws Exception {
    // makedev(8, 1) and makedev(259, 65536) per glibc's gnu_dev_makedev
    assertThat(LocalBackendExport.major(0x0801L)).isEqualTo(8);
    assertThat(LocalBackendExport.minor(0x0801L)).isEqualTo(1);
    long dev =
        ((259L & 0xfffL) << 8)
            | ((259L & ~0xfffL) << 32)
            | (65536L & 0xffL)
            | ((65536L & ~0xffL) << 12);
    assertThat(LocalBackendExport.major(dev)).isEqualTo(259);
    assertThat(LocalBackendExport.minor(dev)).isEqualTo(65536);
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull, NOFOLLOW_LINKS));
    try (Backend dev0 = new LocalDriver().open(config(URI.create("file:///dev")))) {
      try (BackendExport devExport = dev0.export("/", false)) {
        FileAttributes n = devExport.getattr("null");
        assertThat(n.type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(n.rdevMajor()).isEqualTo(1);
        assertThat(n.rdevMinor()).isEqualTo(3);
        assertThat(n.spaceUsed()).isZero();
        assertFails(BackendStatus.INVALID_ARGUMENT, () -> devExport.open("null", OpenMode.READ));
      }
    }
  }

  @Test
  void fileTypesOfTheModeWord() throws Exception {
    assertThat(LocalBackendExport.typeOf(0100644)).isEqualTo(FileType.REGULAR);
    assertThat(LocalBackendExport.typeOf(0040755)).isEqualTo(FileType.DIRECTORY);
    assertThat(LocalBackendExport.typeOf(0120777)).isEqualTo(FileType.SYMLINK);
    assertThat(LocalBackendExport.typeOf(0060600)).isEqualTo(FileType.BLOCK_DEVICE);
    assertThat(LocalBackendExport.typeOf(0020600)).isEqualTo(FileType.CHAR_DEVICE);
    assertThat(LocalBackendExport.typeOf(0010600)).isEqualTo(FileType.FIFO);
    assertThat(LocalBackendExport.typeOf(0140755)).isEqualTo(FileType.SOCKET);
    assertThatThrownBy(() -> LocalBackendExport.typeOf(0)).isInstanceOf(IOException.class);
  }

  @Test
  void fifosMadeByOthersNeverBlockACall() throws Exception {
    Path fifo = exportDir().resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    assertThat(export.getattr("fifo").type()).isEqualTo(FileType.FIFO);
    assertFails(BackendStatus.INVALID_ARGUMENT, () -> export.open("fifo", OpenMode.READ));
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.getattr("fifo/x"));
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.open("fifo/x", OpenMode.READ));
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.list("fifo"));
    assertThat(export.setattr("fifo", SetAttributes.mode(0604)).mode()).isEqualTo(0604);
    assertFails(
        BackendStatus.NOT_SUPPORTED,
        () -> export.setattr("fifo", SetAttributes.NONE.withTimes(null, TimeChange.SERVER_NOW)));
    assertFails(
        BackendStatus.INVALID_ARGUMENT,
        () -> export.setattr("fifo", SetAttributes.NONE.withSize(0L)));
    assertThat(export.list(""))
        .extracting(d -> d.attributes().type())
        .containsExactly(FileType.FIFO);
    export.remove("fifo");
  }

  @Test
  void symlinkTargetsJavaWouldChangeAreRefused() throws Exception {
    for (String target : List.of("dir/", "a//b", "//abs")) {
      assertFails(
          BackendStatus.NOT_SUPPORTED, () -> export.symlink("l", target, SetAttributes.NONE));
    }
    assertFails(BackendStatus.INVALID_ARGUMENT, () -> export.symlink("l", "", SetAttributes.NONE));
    assertFails(
        BackendStatus.INVALID_ARGUMENT, () -> export.symlink("l", "a\0b", SetAttributes.NONE));
    assertThat(export.list("")).isEmpty();
  }

  @Test
  void aLinkInsideTheExportIsNotFollowedEither() throws Exception {
    export.mkdir("real", SetAttributes.NONE);
    write("real/f", bytes(4, 4));
    Files.createSymbolicLink(exportDir().resolve("alias"), exportDir().resolve("real"));
    assertFails(BackendStatus.SYMLINK_LOOP, () -> export.getattr("alias/f"));
    assertFails(BackendStatus.SYMLINK_LOOP, () -> export.open("alias/f", OpenMode.READ));
    assertFails(BackendStatus.SYMLINK_LOOP, () -> export.list("alias"));
    assertFails(BackendStatus.SYMLINK_LOOP, () -> export.open("alias", OpenMode.READ));
  }

  @Test
  void modeChangesOnALinkAreIgnoredAsKnfsdDoes() throws Exception {
    export.create("f", SetAttributes.mode(0640), true);
    export.symlink("l", "f", SetAttributes.NONE);
    int linkMode = export.getattr("l").mode();
    assertThat(export.setattr("l", SetAttributes.mode(0600)).mode()).isEqualTo(linkMode);
    assertThat(export.getattr("f").mode()).isEqualTo(0640);
  }

  @Test
  void serverNowComesFromTheInjectedClock() throws Exception {
    Instant fixed = Instant.parse("2030-05-06T07:08:09.123456789Z");
    try (Backend b =
            new LocalDriver(Clock.fixed(fixed, ZoneOffset.UTC))
                .open(config(backendRoot().toUri()));
        BackendExport e = b.export("/clocked", true)) {
      e.create("f", SetAttributes.NONE, true);
      FileAttributes a =
          e.setattr(
              "f", SetAttributes.NONE.withTimes(TimeChange.SERVER_NOW, TimeChange.SERVER_NOW));
      assertThat(a.mtime()).isEqualTo(fixed);
      assertThat(a.atime()).isEqualTo(fixed);
    }
  }

  @Test
  void runningAsRootGivesPosixOwnership() {
    assertThat(caps().posixOwnership()).isEqualTo(LocalDriver.processIsRoot());
    assertThat(caps().specialFiles()).isFalse();
  }

  /**
   * New objects end with exactly the requested mode and owner and answer their attributes as they
   * are, whichever way the driver took: created with the final bits and checked (umask, special
   * bits), or created private and then changed.
   */
  @Test
  void newObjectsGetExactlyTheRequestedModeAndOwner() throws Exception {
    LocalDriver.Ids me = LocalDriver.processIds();
    assumeTrue(me.known(), "the process's ids");
    List<int[]> owners = new ArrayList<>();
    owners.add(new int[] {me.uid(), me.gid()});
    if (caps().posixOwnership()) {
      owners.add(new int[] {4242, 4343});
      owners.add(new int[] {me.uid(), 4343});
      owners.add(new int[] {4242, me.gid()});
    }
    int n = 0;
    for (int[] owner : owners) {
      for (int mode :
          new int[] {0644, 0666, 0640, 0664, 0604, 0600, 0, 0777, 04755, 02711, 01666}) {
        SetAttributes init = SetAttributes.mode(mode).withOwner(owner[0], owner[1]);
        String name = "f" + n++;
        FileAttributes a = export.create(name, init, true);
        String what = "create 0" + Integer.toOctalString(mode) + " " + Arrays.toString(owner);
        assertThat(a.mode()).as(what).isEqualTo(mode);
        assertThat(new int[] {a.uid(), a.gid()}).as(what).isEqualTo(owner);
        assertThat(a).as(what).isEqualTo(export.getattr(name));
      }
      for (int mode : new int[] {0755, 0775, 0700, 0777, 02755, 01777}) {
        SetAttributes init = SetAttributes.mode(mode).withOwner(owner[0], owner[1]);
        String name = "d" + n++;
        FileAttributes a = export.mkdir(name, init);
        String what = "mkdir 0" + Integer.toOctalString(mode) + " " + Arrays.toString(owner);
        assertThat(a.mode()).as(what).isEqualTo(mode);
        assertThat(new int[] {a.uid(), a.gid()}).as(what).isEqualTo(owner);
        assertThat(a).as(what).isEqualTo(export.getattr(name));
      }
      String link = "l" + n++;
      FileAttributes l =
          export.symlink(link, "target", SetAttributes.NONE.withOwner(owner[0], owner[1]));
      assertThat(new int[] {l.uid(), l.gid()}).isEqualTo(owner);
      assertThat(l).isEqualTo(export.getattr(link));
    }
  }

  /**
   * A setgid directory gives new objects its group; the driver still makes the group the one
   * requested.
   */
  @Test
  void aNewObjectInASetgidDirectoryGetsTheRequestedGroup() throws Exception {
    assumeTrue(caps().posixOwnership(), "posix ownership (running as root)");
    LocalDriver.Ids me = LocalDriver.processIds();
    assumeTrue(me.known() && me.gid() != 4321, "the process's ids");
    export.mkdir("shared", SetAttributes.mode(02775).withOwner(me.uid(), 4321));
    SetAttributes mine = SetAttributes.NONE.withOwner(me.uid(), me.gid());
    FileAttributes inherited =
        export.create("shared/a", SetAttributes.mode(0644).withOwner(me.uid(), 4321), true);
    assertThat(inherited.gid()).isEqualTo(4321);
    FileAttributes file = export.create("shared/b", mine.withMode(0644), true);
    assertThat(file.gid()).isEqualTo(me.gid());
    assertThat(file.mode()).isEqualTo(0644);
    FileAttributes dir = export.mkdir("shared/c", mine.withMode(02755));
    assertThat(dir.gid()).isEqualTo(me.gid());
    assertThat(dir.mode()).isEqualTo(02755);
    FileAttributes link = export.symlink("shared/l", "a", mine);
    assertThat(link.gid()).isEqualTo(me.gid());
    assertThat(export.getattr("shared/b")).isEqualTo(file);
    assertThat(export.getattr("shared/c")).isEqualTo(dir);
  }

  // =============================================================================================
  // Files kept open after create (CreatedFiles)

  @Test
  void anOpenRightAfterACreateUsesTheCreatedFile() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    FileAttributes made = export.create("d/f", SetAttributes.mode(0600), true);
    assertThat(local().createdFilesKept()).isEqualTo(1);
    try (BackendHandle h = export.open("d/f", OpenMode.READ_WRITE)) {
      assertThat(local().createdFilesKept()).isZero();
      h.write(0, ByteBuffer.wrap(bytes(7, 1)));
      assertThat(h.getattr().fileId()).isEqualTo(made.fileId());
      assertThat(h.getattr().size()).isEqualTo(7);
    }
    assertThat(read("d/f")).isEqualTo(bytes(7, 1));
    try (BackendHandle h = export.open("d/f", OpenMode.READ)) {
      assertFails(BackendStatus.ACCESS_DENIED, () -> h.write(0, ByteBuffer.wrap(bytes(1, 1))));
    }
  }

  @Test
  void aKeptFileIsNotUsedOnceThePathNamesAnotherObject() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    Files.delete(exportDir().resolve("f"));
    Files.write(exportDir().resolve("f"), "another".getBytes(UTF_8));
    assertThat(read("f")).isEqualTo("another".getBytes(UTF_8));
    export.create("g", SetAttributes.NONE, true);
    Files.delete(exportDir().resolve("g"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.open("g", OpenMode.READ));
    assertThat(local().createdFilesKept()).isZero();
  }

  /** The kept file's directory is swapped for a link to the outside: the open fails, as always. */
  @Test
  void aKeptFileIsNotReachedThroughALink() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    export.create("d/secret", SetAttributes.NONE, true);
    Files.move(exportDir().resolve("d"), exportDir().resolve("d.away"));
    Files.createSymbolicLink(exportDir().resolve("d"), outsideDir());
    assertFails(BackendStatus.SYMLINK_LOOP, () -> export.open("d/secret", OpenMode.READ_WRITE));
    assertThat(local().createdFilesKept()).isZero();
    assertThat(Files.readAllBytes(outsideDir().resolve("secret"))).isEqualTo(SECRET);
  }

  @Test
  void keptFilesAreBoundedAndClosedByRemoveRenameAndClose() throws Exception {
    for (int i = 0; i < 40; i++) {
      export.create("f" + i, SetAttributes.NONE, true);
    }
    assertThat(local().createdFilesKept()).isEqualTo(16);
    export.remove("f39");
    assertThat(local().createdFilesKept()).isEqualTo(15);
    export.rename("f38", "g");
    assertThat(local().createdFilesKept()).isEqualTo(14);
    export.rename("f30", "f37"); // replaces a kept file
    assertThat(local().createdFilesKept()).isEqualTo(12);
    export.mkdir("d", SetAttributes.NONE);
    export.create("d/a", SetAttributes.NONE, true);
    export.create("d/b", SetAttributes.NONE, true);
    export.rename("d", "e");
    assertThat(local().createdFilesKept()).isEqualTo(12);
    export.create("h", SetAttributes.NONE, true);
    export.close();
    assertThat(local().createdFilesKept()).isZero();
  }

  @Test
  void keptFilesAgeOut() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (Backend b = new LocalDriver(clock).open(config(backendRoot().toUri()));
        BackendExport e = b.export("/aging", true)) {
      e.create("old", SetAttributes.NONE, true);
      now.set(now.get().plusSeconds(60));
      e.create("new", SetAttributes.NONE, true);
      assertThat(((LocalBackendExport) e).createdFilesKept()).isEqualTo(1);
      e.open("old", OpenMode.READ).close();
      e.open("new", OpenMode.READ).close();
      assertThat(((LocalBackendExport) e).createdFilesKept()).isZero();
    }
  }

  /** A closed channel (closed, or interrupted during I/O) is stale, for attributes too. */
  @Test
  void aClosedHandleIsStale() throws Exception {
    write("f", bytes(10, 1));
    BackendHandle h = export.open("f", OpenMode.READ_WRITE);
    assertThat(h.getattr().size()).isEqualTo(10);
    h.close();
    assertFails(BackendStatus.STALE, h::getattr);
    assertFails(BackendStatus.STALE, () -> h.read(0, ByteBuffer.allocate(4)));
    assertFails(BackendStatus.STALE, () -> h.write(0, ByteBuffer.wrap(bytes(4, 2))));
  }

  @Test
  void aHandleAnswersItsLastAttributesAfterItsFileIsRemoved() throws Exception {
    write("f", bytes(10, 1));
    long id = export.getattr("f").fileId();
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      export.remove("f");
      export.create("f", SetAttributes.NONE, true); // another object at the same path
      h.write(10, ByteBuffer.wrap(bytes(5, 2)));
      FileAttributes a = h.getattr();
      assertThat(a.fileId()).isEqualTo(id);
      assertThat(a.size()).isEqualTo(15);
    }
  }

  /**
   * Deterministic form of the race below: another process swaps the directory for a link to the
   * outside exactly between the walk and the open. The open uses the directory it walked (now at
   * d.away), never the link.
   */
  @Test
  void anOpenUsesTheDirectoryItWalkedEvenIfThePathIsSwappedRightAfter() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    byte[] inside = "inside".getBytes(UTF_8);
    write("d/secret", inside);
    Path d = exportDir().resolve("d");
    AtomicBoolean swapped = new AtomicBoolean();
    local()
        .onResolved(
            (kind, path) -> {
              if (kind.equals("open") && swapped.compareAndSet(false, true)) {
                Files.move(d, exportDir().resolve("d.away"), StandardCopyOption.ATOMIC_MOVE);
                Files.createSymbolicLink(d, outsideDir());
              }
            });
    try (BackendHandle h = export.open("d/secret", OpenMode.READ_WRITE)) {
      assertThat(swapped).isTrue();
      ByteBuffer buf = ByteBuffer.allocate(128);
      int n = h.read(0, buf);
      assertThat(Arrays.copyOf(buf.array(), n)).isEqualTo(inside);
      h.write(0, ByteBuffer.wrap("INSIDE".getBytes(UTF_8)));
    } finally {
      local().onResolved(null);
    }
    assertThat(Files.readAllBytes(outsideDir().resolve("secret"))).isEqualTo(SECRET);
    assertThat(Files.readAllBytes(exportDir().resolve("d.away/secret")))
        .isEqualTo("INSIDE".getBytes(UTF_8));
  }

  /**
   * Deterministic form of the contract's swap race: a client's rename+symlink arrives exactly
   * between another call's path check and its use. It must wait for the namespace lock, so the
   * checked call still changes the object inside.
   */
  @Test
  void aNamespaceChangeWaitsWhileACheckedPathIsInUse() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    write("d/secret", "inside".getBytes(UTF_8));
    export.setattr("d/secret", SetAttributes.mode(0600));
    Object outsideBefore = snapshotOutside();
    AtomicReference<Future<?>> attack = new AtomicReference<>();
    try (ExecutorService attacker = Executors.newSingleThreadExecutor()) {
      local()
          .onResolved(
              (kind, path) -> {
                if (!path.equals("d/secret") || attack.get() != null) {
                  return;
                }
                Future<?> f =
                    attacker.submit(
                        () -> {
                          export.rename("d", "d.away");
                          export.symlink("d", outsideDir().toString(), SetAttributes.NONE);
                          return null;
                        });
                attack.set(f);
                // poll with a deadline until the attacker is blocked on the lock (or, if the lock
                // were missing, done)
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (!local().namespaceChangeWaiting() && !f.isDone()) {
                  if (System.nanoTime() > deadline) {
                    throw new IOException("the attacker neither waited for the lock nor finished");
                  }
                  Thread.onSpinWait();
                }
              });
      FileAttributes a = export.setattr("d/secret", SetAttributes.mode(0640));
      assertThat(a.mode()).isEqualTo(0640);
      attack.get().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } finally {
      local().onResolved(null);
    }
    assertThat(snapshotOutside()).isEqualTo(outsideBefore);
    assertThat(Files.getAttribute(exportDir().resolve("d.away/secret"), "unix:mode"))
        .isEqualTo(0100640);
    assertThat(export.getattr("d").type()).isEqualTo(FileType.SYMLINK);
  }

  /**
   * Another process puts a link to the outside where a file was, right after setattr checked the
   * file's type and before it changes the mode: the change (openat O_NOFOLLOW relative to a
   * directory descriptor) fails on the link and leaves the outside alone. (java.nio's by-path
   * no-follow chmod would follow it on JDK 22 and later.)
   */
  @Test
  void aModeChangeNeverGoesThroughALinkPutInPlaceAfterTheCheck() throws Exception {
    for (String path : List.of("secret", "d/secret")) {
      if (path.startsWith("d/")) {
        export.mkdir("d", SetAttributes.NONE);
      }
      write(path, "inside".getBytes(UTF_8));
      Path file = exportDir().resolve(path);
      Object outsideBefore = snapshotOutside();
      AtomicBoolean swapped = new AtomicBoolean();
      local()
          .onResolved(
              (kind, p) -> {
                if (kind.equals("mode") && swapped.compareAndSet(false, true)) {
                  Files.delete(file);
                  Files.createSymbolicLink(file, outsideDir().resolve("secret"));
                }
              });
      try {
        assertFails(
            BackendStatus.SYMLINK_LOOP, () -> export.setattr(path, SetAttributes.mode(0666)));
      } finally {
        local().onResolved(null);
      }
      assertThat(swapped).isTrue();
      assertThat(snapshotOutside()).isEqualTo(outsideBefore);
    }
  }

  /**
   * Another process (not Ferry) swaps a directory for a link to the outside while Ferry opens and
   * reads through it: the descriptor walk (openat O_NOFOLLOW) keeps every open inside.
   */
  @Test
  void descriptorWalksStayInsideWhileAnotherProcessSwapsDirectories() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    byte[] inside = "inside".getBytes(UTF_8);
    write("d/secret", inside);
    Path d = exportDir().resolve("d");
    Path away = exportDir().resolve("d.away");
    int cycles = 2000;
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger opened = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Future<?> swapper =
          pool.submit(
              () -> {
                start.await();
                try {
                  for (int i = 0; i < cycles; i++) {
                    Files.move(d, away, StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(d, outsideDir());
                    Files.delete(d);
                    Files.move(away, d, StandardCopyOption.ATOMIC_MOVE);
                  }
                } finally {
                  done.set(true);
                }
                return null;
              });
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  while (!done.get()) {
                    try (BackendHandle h = export.open("d/secret", OpenMode.READ_WRITE)) {
                      ByteBuffer buf = ByteBuffer.allocate(128);
                      int n = h.read(0, buf);
                      assertThat(Arrays.copyOf(buf.array(), Math.max(n, 0))).isEqualTo(inside);
                      opened.incrementAndGet();
                    } catch (BackendException expected) {
                      // d is away or is the link at this moment
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      swapper.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      for (Future<?> r : readers) {
        r.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
    }
    assertThat(Files.readAllBytes(outsideDir().resolve("secret"))).isEqualTo(SECRET);
    assertThat(opened.get()).as("some opens went through").isPositive();
  }
}
