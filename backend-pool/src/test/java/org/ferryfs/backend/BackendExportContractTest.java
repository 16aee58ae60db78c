package org.ferryfs.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link BackendExport} driver passes (DESIGN.md §5.10): extend it, implement
 * {@link #openExport()} to hand out a fresh, empty export, and override the optional hooks where
 * the driver's test can do more ({@link #outside()}) or the backend stores less ({@link
 * #timeResolution()}).
 *
 * <p>Tests of optional features are skipped through assumptions on {@link
 * BackendExport#capabilities()} (symbolic links, hard links, special files, POSIX owners and
 * modes). Everything else is required of every driver: the path rules, the error statuses, POSIX
 * rename rules, that no symbolic link is ever followed and that nothing outside the export root is
 * read or written.
 *
 * <p>No test sleeps: waits are latches and futures with a deadline ({@link #DEADLINE}).
 */
public abstract class BackendExportContractTest {

  /** The longest any single wait in this kit may take before the test fails. */
  protected static final Duration DEADLINE = Duration.ofSeconds(60);

  /** The export under test, fresh for every test. */
  protected BackendExport export;

  /**
   * A fresh, empty export; closed by the kit after the test.
   *
   * @throws Exception anything; the test then fails in its set-up
   */
  protected abstract BackendExport openExport() throws Exception;

  /** The smallest time step the backend stores; times are compared truncated to it. */
  protected Duration timeResolution() {
    return Duration.ofNanos(1);
  }

  /** The current time as the backend sees it, for "server now" checks. */
  protected Instant now() {
    return Instant.now();
  }

  /**
   * A directory outside the export that escape tests may point symbolic links at, so they can prove
   * nothing out there was read or changed; empty if the driver's test cannot provide one (the
   * escape tests through {@code /} and {@code ../..} still run).
   */
  protected Optional<Outside> outside() {
    return Optional.empty();
  }

  /**
   * A directory outside the export root.
   *
   * @param absolutePath its absolute path on the backend, usable as a symlink target
   * @param relativeFromRoot a relative symlink target that reaches it from the export root, e.g.
   *     {@code ../../outside}
   * @param secretName a regular file in it
   * @param secret that file's content, which no test may ever read through the export
   * @param snapshot a description of everything in the directory (names, sizes, modes, contents,
   *     times); must be equal before and after every escape attempt
   */
  public record Outside(
      String absolutePath,
      String relativeFromRoot,
      String secretName,
      byte[] secret,
      Callable<Object> snapshot) {}

  @BeforeEach
  final void openFreshExport() throws Exception {
    export = Objects.requireNonNull(openExport(), "openExport() returned null");
  }

  @AfterEach
  final void closeExportAfterTest() {
    if (export != null) {
      export.close();
    }
  }

  // =============================================================================================
  // Paths and the root

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a", "a/", "a//b", ".", "..", "a/..", "../a", "a/./b", "./a", "a/../b", "/", "a\0b"
      })
  void pathsBreakingTheRulesAreInvalidArguments(String bad) throws Exception {
    export.create("x", SetAttributes.NONE, true);
    export.mkdir("a", SetAttributes.NONE);
    List<ThrowingCallable> calls =
        new ArrayList<>(
            List.of(
                () -> export.getattr(bad),
                () -> export.setattr(bad, SetAttributes.NONE),
                () -> export.list(bad),
                () -> export.create(bad, SetAttributes.NONE, true),
                () -> export.create(bad, SetAttributes.NONE, false),
                () -> export.mkdir(bad, SetAttributes.NONE),
                () -> export.remove(bad),
                () -> export.rmdir(bad),
                () -> export.rename(bad, "y"),
                () -> export.rename("x", bad),
                () -> export.open(bad, OpenMode.READ)));
    if (caps().symlinks()) {
      calls.add(() -> export.symlink(bad, "t", SetAttributes.NONE));
      calls.add(() -> export.readlink(bad));
    }
    if (caps().hardLinks()) {
      calls.add(() -> export.link(bad, "y"));
      calls.add(() -> export.link("x", bad));
    }
    for (ThrowingCallable call : calls) {
      assertFails(BackendStatus.INVALID_ARGUMENT, call);
    }
    assertThat(names("")).containsExactlyInAnyOrder("x", "a");
  }

  @Test
  void rootIsAnEmptyDirectory() throws Exception {
    assertThat(export.getattr("").type()).isEqualTo(FileType.DIRECTORY);
    assertThat(export.list("")).isEmpty();
    assertThat(export.describe()).isNotBlank();
  }

  @Test
  void theRootCannotBeRemovedRenamedOrOpened() throws Exception {
    assertFailsAnyOf(() -> export.remove(""));
    assertFailsAnyOf(() -> export.rmdir(""));
    assertFailsAnyOf(() -> export.rename("", "x"));
    assertFailsAnyOf(() -> export.create("", SetAttributes.NONE, false));
    assertFailsAnyOf(() -> export.open("", OpenMode.READ));
    assertThat(export.getattr("").type()).isEqualTo(FileType.DIRECTORY);
    assertThat(export.list("")).isEmpty();
  }

  @Test
  void unicodeNamesRoundTrip() throws Exception {
    String name = "ünïcødé-日本語-🙂 with spaces";
    export.create(name, SetAttributes.NONE, true);
    assertThat(names("")).containsExactly(name);
    assertThat(export.getattr(name).type()).isEqualTo(FileType.REGULAR);
  }

  @Test
  void namesUpToTheMaximumLengthWork() throws Exception {
    int max = caps().maxNameLength();
    assumeTrue(max > 0 && max <= 1024, "max name length " + max);
    String longest = "n".repeat(max);
    export.create(longest, SetAttributes.NONE, true);
    assertThat(names("")).contains(longest);
    assertFailsAnyOf(
        Set.of(BackendStatus.NAME_TOO_LONG, BackendStatus.INVALID_ARGUMENT),
        () -> export.create(longest + "n", SetAttributes.NONE, true));
  }

  // =============================================================================================
  // getattr

  @Test
  void getattrOfAMissingNameIsNotFound() throws Exception {
    assertFails(BackendStatus.NOT_FOUND, () -> export.getattr("missing"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.getattr("missing/child"));
    export.create("file", SetAttributes.NONE, true);
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.getattr("file/child"));
  }

  @Test
  void newFileHasOneLinkSizeZeroAndAStableIdentity() throws Exception {
    FileAttributes created = export.create("f", SetAttributes.NONE, true);
    FileAttributes again = export.getattr("f");
    assertThat(created.type()).isEqualTo(FileType.REGULAR);
    assertThat(created.size()).isZero();
    assertThat(created.nlink()).isEqualTo(1);
    assertThat(again.fileId()).isEqualTo(created.fileId());
    FileAttributes other = export.create("g", SetAttributes.NONE, true);
    FileAttributes dir = export.mkdir("d", SetAttributes.NONE);
    assertThat(Set.of(created.fileId(), other.fileId(), dir.fileId())).hasSize(3);
    assertThat(export.getattr("").fileId()).isNotIn(created.fileId(), dir.fileId());
  }

  @Test
  void attributesAreConsistent() throws Exception {
    write("f", bytes(5000, 1));
    FileAttributes a = export.getattr("f");
    assertThat(a.size()).isEqualTo(5000);
    assertThat(a.spaceUsed()).isGreaterThanOrEqualTo(0);
    assertThat(a.rdevMajor()).isZero();
    assertThat(a.rdevMinor()).isZero();
    assertThat(a.mode() & ~07777).isZero();
    if (a.birthTime() != null) {
      assertThat(a.birthTime()).isBeforeOrEqualTo(a.ctime().plus(timeResolution()));
    }
    FileAttributes d = export.mkdir("d", SetAttributes.NONE);
    assertThat(d.isDirectory()).isTrue();
    assertThat(d.nlink()).isGreaterThanOrEqualTo(1);
  }

  // =============================================================================================
  // create

  @Test
  void exclusiveCreateMakesAnEmptyRegularFileOnce() throws Exception {
    FileAttributes a = export.create("f", SetAttributes.NONE, true);
    assertThat(a.type()).isEqualTo(FileType.REGULAR);
    assertThat(a.size()).isZero();
    assertFails(BackendStatus.EXISTS, () -> export.create("f", SetAttributes.NONE, true));
    export.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.EXISTS, () -> export.create("d", SetAttributes.NONE, true));
  }

  @Test
  void nonExclusiveCreateKeepsAnExistingFileAsItIs() throws Exception {
    write("f", bytes(100, 7));
    FileAttributes before = export.getattr("f");
    FileAttributes after = export.create("f", SetAttributes.mode(0600), false);
    assertThat(after.fileId()).isEqualTo(before.fileId());
    assertThat(after.mode()).isEqualTo(before.mode());
    assertThat(read("f")).isEqualTo(bytes(100, 7));
  }

  @Test
  void nonExclusiveCreateAppliesTheSizeToAnExistingFile() throws Exception {
    write("f", bytes(100, 7));
    FileAttributes after = export.create("f", SetAttributes.NONE.withSize(10L), false);
    assertThat(after.size()).isEqualTo(10);
    assertThat(read("f")).isEqualTo(Arrays.copyOf(bytes(100, 7), 10));
  }

  @Test
  void nonExclusiveCreateMakesAMissingFile() throws Exception {
    FileAttributes a = export.create("f", SetAttributes.NONE, false);
    assertThat(a.type()).isEqualTo(FileType.REGULAR);
    assertThat(names("")).containsExactly("f");
  }

  @Test
  void nonExclusiveCreateOverADirectoryFails() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    assertFailsAnyOf(
        Set.of(BackendStatus.EXISTS, BackendStatus.IS_DIRECTORY),
        () -> export.create("d", SetAttributes.NONE, false));
    assertThat(export.getattr("d").isDirectory()).isTrue();
  }

  @Test
  void createAppliesInitialModeSizeAndTimes() throws Exception {
    assumeTrue(caps().posixModes(), "posix modes");
    Instant atime = Instant.parse("2001-02-03T04:05:06.123456789Z");
    Instant mtime = Instant.parse("2002-03-04T05:06:07.987654321Z");
    SetAttributes init =
        new SetAttributes(0640, null, null, 4096L, TimeChange.to(atime), TimeChange.to(mtime));
    FileAttributes a = export.create("f", init, true);
    assertThat(a.mode()).isEqualTo(0640);
    assertThat(a.size()).isEqualTo(4096);
    assertThat(truncate(a.atime())).isEqualTo(truncate(atime));
    assertThat(truncate(a.mtime())).isEqualTo(truncate(mtime));
    assertThat(read("f")).isEqualTo(new byte[4096]);
  }

  @Test
  void aCreateWhoseInitialSizeCannotBeAppliedLeavesNothingBehind() throws Exception {
    Set<BackendStatus> tooBig =
        Set.of(
            BackendStatus.FILE_TOO_LARGE,
            BackendStatus.NO_SPACE,
            BackendStatus.QUOTA_EXCEEDED,
            BackendStatus.INVALID_ARGUMENT);
    SetAttributes impossible = SetAttributes.mode(0644).withSize(Long.MAX_VALUE);
    assertFailsAnyOf(tooBig, () -> export.create("f", impossible, true));
    assertFailsAnyOf(tooBig, () -> export.create("g", impossible, false));
    assertThat(export.list("")).isEmpty();
    // an existing file is not removed when the size cannot be applied to it
    write("kept", bytes(10, 1));
    assertFailsAnyOf(tooBig, () -> export.create("kept", impossible, false));
    assertThat(read("kept")).isEqualTo(bytes(10, 1));
  }

  @Test
  void createAppliesAnInitialOwner() throws Exception {
    assumeTrue(caps().posixOwnership(), "posix ownership");
    FileAttributes a = export.create("f", SetAttributes.mode(0644).withOwner(4242, 4343), true);
    assertThat(a.uid()).isEqualTo(4242);
    assertThat(a.gid()).isEqualTo(4343);
    FileAttributes d = export.mkdir("d", SetAttributes.mode(0755).withOwner(4244, 4345));
    assertThat(d.uid()).isEqualTo(4244);
    assertThat(d.gid()).isEqualTo(4345);
  }

  @Test
  void createNeedsAnExistingDirectory() throws Exception {
    assertFails(BackendStatus.NOT_FOUND, () -> export.create("no/f", SetAttributes.NONE, true));
    export.create("file", SetAttributes.NONE, true);
    assertFails(
        BackendStatus.NOT_DIRECTORY, () -> export.create("file/f", SetAttributes.NONE, true));
  }

  // =============================================================================================
  // mkdir

  @Test
  void mkdirMakesNestedEmptyDirectories() throws Exception {
    FileAttributes a = export.mkdir("a", SetAttributes.NONE);
    assertThat(a.isDirectory()).isTrue();
    export.mkdir("a/b", SetAttributes.NONE);
    export.mkdir("a/b/c", SetAttributes.NONE);
    assertThat(export.list("a/b/c")).isEmpty();
    assertThat(names("a")).containsExactly("b");
    assertFails(BackendStatus.EXISTS, () -> export.mkdir("a/b", SetAttributes.NONE));
    export.create("f", SetAttributes.NONE, true);
    assertFails(BackendStatus.EXISTS, () -> export.mkdir("f", SetAttributes.NONE));
    assertFails(BackendStatus.NOT_FOUND, () -> export.mkdir("x/y", SetAttributes.NONE));
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.mkdir("f/y", SetAttributes.NONE));
  }

  @Test
  void mkdirAppliesTheInitialModeIncludingSpecialBits() throws Exception {
    assumeTrue(caps().posixModes(), "posix modes");
    assertThat(export.mkdir("sticky", SetAttributes.mode(01777)).mode()).isEqualTo(01777);
    assertThat(export.mkdir("setgid", SetAttributes.mode(02750)).mode()).isEqualTo(02750);
    assertThat(export.mkdir("private", SetAttributes.mode(0700)).mode()).isEqualTo(0700);
  }

  // =============================================================================================
  // setattr

  @ParameterizedTest
  @ValueSource(ints = {0, 0644, 0755, 0600, 04755, 02755, 01755, 06711, 07777})
  void setattrStoresEveryPermissionBitOfAFile(int mode) throws Exception {
    assumeTrue(caps().posixModes(), "posix modes");
    export.create("f", SetAttributes.NONE, true);
    assertThat(export.setattr("f", SetAttributes.mode(mode)).mode()).isEqualTo(mode);
    assertThat(export.getattr("f").mode()).isEqualTo(mode);
  }

  @Test
  void setattrStoresModesOfDirectories() throws Exception {
    assumeTrue(caps().posixModes(), "posix modes");
    export.mkdir("d", SetAttributes.NONE);
    assertThat(export.setattr("d", SetAttributes.mode(03775)).mode()).isEqualTo(03775);
    assertThat(export.setattr("d", SetAttributes.mode(0500)).mode()).isEqualTo(0500);
  }

  @Test
  void setattrSizeTruncatesAndExtendsWithZeros() throws Exception {
    byte[] data = bytes(10_000, 3);
    write("f", data);
    assertThat(export.setattr("f", SetAttributes.NONE.withSize(1000L)).size()).isEqualTo(1000);
    assertThat(read("f")).isEqualTo(Arrays.copyOf(data, 1000));
    assertThat(export.setattr("f", SetAttributes.NONE.withSize(300_000L)).size())
        .isEqualTo(300_000);
    byte[] expected = Arrays.copyOf(Arrays.copyOf(data, 1000), 300_000);
    assertThat(read("f")).isEqualTo(expected);
    assertThat(export.setattr("f", SetAttributes.NONE.withSize(0L)).size()).isZero();
    assertThat(read("f")).isEmpty();
  }

  @Test
  void setattrSizeOfADirectoryFails() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    assertFailsAnyOf(
        Set.of(BackendStatus.IS_DIRECTORY, BackendStatus.INVALID_ARGUMENT),
        () -> export.setattr("d", SetAttributes.NONE.withSize(0L)));
  }

  @Test
  void setattrSetsGivenTimesWithTheirFraction() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    Instant atime = Instant.parse("1999-12-31T23:59:59.000000001Z");
    Instant mtime = Instant.parse("2020-06-15T12:00:00.123456789Z");
    FileAttributes a =
        export.setattr(
            "f", SetAttributes.NONE.withTimes(TimeChange.to(atime), TimeChange.to(mtime)));
    assertThat(truncate(a.atime())).isEqualTo(truncate(atime));
    assertThat(truncate(a.mtime())).isEqualTo(truncate(mtime));
    Instant later = Instant.parse("2021-01-01T00:00:00Z");
    FileAttributes b =
        export.setattr("f", SetAttributes.NONE.withTimes(null, TimeChange.to(later)));
    assertThat(truncate(b.atime())).isEqualTo(truncate(atime));
    assertThat(truncate(b.mtime())).isEqualTo(truncate(later));
  }

  @Test
  void setattrServerNowUsesTheCurrentTime() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    Instant past = Instant.parse("2000-01-01T00:00:00Z");
    export.setattr("f", SetAttributes.NONE.withTimes(TimeChange.to(past), TimeChange.to(past)));
    Instant before = now();
    FileAttributes a =
        export.setattr(
            "f", SetAttributes.NONE.withTimes(TimeChange.SERVER_NOW, TimeChange.SERVER_NOW));
    Instant after = now();
    assertThat(a.mtime()).isBetween(before.minusSeconds(2), after.plusSeconds(2));
    assertThat(a.atime()).isBetween(before.minusSeconds(2), after.plusSeconds(2));
    assertThat(a.ctime()).isBetween(before.minusSeconds(2), after.plusSeconds(2));
  }

  @Test
  void setattrOfTheOwner() throws Exception {
    assumeTrue(caps().posixOwnership(), "posix ownership");
    export.create("f", SetAttributes.NONE, true);
    FileAttributes a = export.setattr("f", SetAttributes.NONE.withOwner(4242, null));
    assertThat(a.uid()).isEqualTo(4242);
    FileAttributes b = export.setattr("f", SetAttributes.NONE.withOwner(null, 4343));
    assertThat(b.uid()).isEqualTo(4242);
    assertThat(b.gid()).isEqualTo(4343);
  }

  @Test
  void setattrOfOwnerAndSetuidModeKeepsTheSetuidBit() throws Exception {
    assumeTrue(caps().posixOwnership() && caps().posixModes(), "posix owners and modes");
    export.create("f", SetAttributes.NONE, true);
    // chown(2) clears setuid; the mode must be applied after the owner
    FileAttributes a = export.setattr("f", SetAttributes.mode(04755).withOwner(4242, 4343));
    assertThat(a.mode()).isEqualTo(04755);
    assertThat(a.uid()).isEqualTo(4242);
  }

  @Test
  void setattrWithNothingAnswersTheCurrentAttributes() throws Exception {
    FileAttributes created = export.create("f", SetAttributes.NONE, true);
    FileAttributes a = export.setattr("f", SetAttributes.NONE);
    assertThat(a.fileId()).isEqualTo(created.fileId());
    assertThat(a.size()).isZero();
  }

  @Test
  void setattrOfAMissingNameIsNotFound() throws Exception {
    assertFails(BackendStatus.NOT_FOUND, () -> export.setattr("missing", SetAttributes.mode(0644)));
  }

  // =============================================================================================
  // list

  @Test
  void listGivesEveryEntryWithItsAttributes() throws Exception {
    write("f", bytes(123, 1));
    export.mkdir("d", SetAttributes.NONE);
    export.create("d/inner", SetAttributes.NONE, true);
    if (caps().symlinks()) {
      export.symlink("l", "f", SetAttributes.NONE);
    }
    List<DirEntry> entries = export.list("");
    Map<String, FileAttributes> byName =
        entries.stream().collect(Collectors.toMap(DirEntry::name, DirEntry::attributes));
    assertThat(byName).doesNotContainKeys(".", "..");
    assertThat(byName.keySet())
        .containsExactlyInAnyOrderElementsOf(
            caps().symlinks() ? List.of("f", "d", "l") : List.of("f", "d"));
    for (Map.Entry<String, FileAttributes> e : byName.entrySet()) {
      FileAttributes direct = export.getattr(e.getKey());
      assertThat(e.getValue().type()).isEqualTo(direct.type());
      assertThat(e.getValue().fileId()).isEqualTo(direct.fileId());
      assertThat(e.getValue().size()).isEqualTo(direct.size());
    }
    assertThat(byName.get("f").size()).isEqualTo(123);
    if (caps().symlinks()) {
      assertThat(byName.get("l").type()).isEqualTo(FileType.SYMLINK);
    }
    assertThat(names("d")).containsExactly("inner");
  }

  @Test
  void listOfANonDirectoryFails() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.list("f"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.list("missing"));
  }

  @Test
  void listOfTenThousandEntriesIsComplete() throws Exception {
    export.mkdir("big", SetAttributes.NONE);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String name = String.format("entry-%05d", i);
      if (i % 100 == 0) {
        export.mkdir("big/" + name, SetAttributes.NONE);
      } else {
        export.create("big/" + name, SetAttributes.NONE, true);
      }
      expected.add(name);
    }
    List<DirEntry> entries = export.list("big");
    assertThat(entries).hasSize(10_000);
    assertThat(entries.stream().map(DirEntry::name).collect(Collectors.toSet()))
        .isEqualTo(expected);
    assertThat(entries.stream().filter(e -> e.attributes().isDirectory()).count()).isEqualTo(100);
  }

  // =============================================================================================
  // symbolic links

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "../up/two",
        "/absolute/path/to/x",
        "with space and ünïcødé",
        "./dot/slash",
        "trailing.dot.",
        "a/b/../c"
      })
  void symlinkStoresTheTargetVerbatim(String target) throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    FileAttributes a = export.symlink("l", target, SetAttributes.NONE);
    assertThat(a.type()).isEqualTo(FileType.SYMLINK);
    assertThat(a.size()).isEqualTo(target.getBytes(UTF_8).length);
    assertThat(export.readlink("l")).isEqualTo(target);
    assertThat(export.getattr("l").type()).isEqualTo(FileType.SYMLINK);
  }

  @Test
  void symlinkOnAnExistingNameFailsExists() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.create("f", SetAttributes.NONE, true);
    assertFails(BackendStatus.EXISTS, () -> export.symlink("f", "t", SetAttributes.NONE));
    export.symlink("l", "t", SetAttributes.NONE);
    assertFails(BackendStatus.EXISTS, () -> export.symlink("l", "u", SetAttributes.NONE));
    assertThat(export.readlink("l")).isEqualTo("t");
  }

  @Test
  void readlinkOfANonLinkFails() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.create("f", SetAttributes.NONE, true);
    export.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.INVALID_ARGUMENT, () -> export.readlink("f"));
    assertFails(BackendStatus.INVALID_ARGUMENT, () -> export.readlink("d"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.readlink("missing"));
  }

  @Test
  void aDanglingSymlinkHasAttributesAndCanBeRemoved() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.symlink("dangling", "does/not/exist", SetAttributes.NONE);
    assertThat(export.getattr("dangling").type()).isEqualTo(FileType.SYMLINK);
    assertThat(names("")).containsExactly("dangling");
    export.remove("dangling");
    assertThat(export.list("")).isEmpty();
  }

  @Test
  void symlinkAppliesAnInitialOwnerAndTimes() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    Instant mtime = Instant.parse("2010-10-10T10:10:10.5Z");
    SetAttributes init = SetAttributes.mode(0777).withTimes(null, TimeChange.to(mtime));
    if (caps().posixOwnership()) {
      init = init.withOwner(4242, 4343);
    }
    FileAttributes a = export.symlink("l", "target", init);
    assertThat(a.type()).isEqualTo(FileType.SYMLINK);
    if (caps().symlinkTimes()) {
      assertThat(truncate(a.mtime())).isEqualTo(truncate(mtime));
    }
    if (caps().posixOwnership()) {
      assertThat(a.uid()).isEqualTo(4242);
      assertThat(a.gid()).isEqualTo(4343);
    }
  }

  @Test
  void aFinalSymlinkIsNeverFollowed() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    write("f", bytes(64, 9));
    FileAttributes file = export.getattr("f");
    export.symlink("l", "f", SetAttributes.NONE);

    FileAttributes link = export.getattr("l");
    assertThat(link.type()).isEqualTo(FileType.SYMLINK);
    assertThat(link.fileId()).isNotEqualTo(file.fileId());
    assertFailsAnyOf(() -> export.open("l", OpenMode.READ));
    assertFailsAnyOf(() -> export.open("l", OpenMode.READ_WRITE));
    assertFailsAnyOf(() -> export.setattr("l", SetAttributes.NONE.withSize(0L)));
    assertFailsAnyOf(() -> export.list("l"));
    assertFails(BackendStatus.EXISTS, () -> export.create("l", SetAttributes.NONE, true));
    assertFails(BackendStatus.EXISTS, () -> export.create("l", SetAttributes.NONE, false));
    assertFails(BackendStatus.EXISTS, () -> export.mkdir("l", SetAttributes.NONE));
    assertFailsAnyOf(() -> export.rmdir("l"));
    if (caps().posixModes()) {
      try {
        export.setattr("l", SetAttributes.mode(0600));
      } catch (BackendException acceptable) {
        // a driver may refuse to change a link's mode; it must never change the target's
      }
    }
    Instant past = Instant.parse("2001-01-01T00:00:00Z");
    if (caps().symlinkTimes()) {
      export.setattr("l", SetAttributes.NONE.withTimes(null, TimeChange.to(past)));
      assertThat(truncate(export.getattr("l").mtime())).isEqualTo(truncate(past));
    } else {
      assertFails(
          BackendStatus.NOT_SUPPORTED,
          () -> export.setattr("l", SetAttributes.NONE.withTimes(null, TimeChange.to(past))));
    }

    FileAttributes after = export.getattr("f");
    assertThat(after.size()).isEqualTo(64);
    assertThat(after.mode()).isEqualTo(file.mode());
    assertThat(after.mtime()).isEqualTo(file.mtime());
    assertThat(read("f")).isEqualTo(bytes(64, 9));

    export.remove("l");
    assertThat(names("")).containsExactly("f");
  }

  @Test
  void renameOverASymlinkReplacesTheLinkNotItsTarget() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    write("target", bytes(10, 1));
    export.symlink("l", "target", SetAttributes.NONE);
    write("new", bytes(20, 2));
    export.rename("new", "l");
    assertThat(export.getattr("l").type()).isEqualTo(FileType.REGULAR);
    assertThat(read("l")).isEqualTo(bytes(20, 2));
    assertThat(read("target")).isEqualTo(bytes(10, 1));
  }

  @Test
  void anIntermediateSymlinkIsNeverFollowed() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.mkdir("d", SetAttributes.NONE);
    write("d/x", bytes(32, 4));
    export.mkdir("d/sub", SetAttributes.NONE);
    export.create("z", SetAttributes.NONE, true);
    export.symlink("ld", "d", SetAttributes.NONE);

    assertAllFail(throughLink("ld", "x", "sub"));
    assertThat(names("d")).containsExactlyInAnyOrder("x", "sub");
    assertThat(read("d/x")).isEqualTo(bytes(32, 4));
    assertThat(names("")).containsExactlyInAnyOrder("d", "z", "ld");
  }

  // =============================================================================================
  // Escapes: nothing outside the export is read or written

  @Test
  void anAbsoluteSymlinkToTheBackendRootLeadsNowhere() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.create("z", SetAttributes.NONE, true);
    export.symlink("abs", "/", SetAttributes.NONE);
    String probe = "ferry-escape-probe-" + System.nanoTime();
    assertAllFail(
        List.of(
            () -> export.getattr("abs/etc"),
            () -> export.getattr("abs/etc/passwd"),
            () -> export.list("abs"),
            () -> export.list("abs/etc"),
            () -> export.open("abs/etc/passwd", OpenMode.READ),
            () -> export.open("abs/etc/hostname", OpenMode.READ_WRITE),
            () -> export.create("abs/tmp/" + probe, SetAttributes.NONE, true),
            () -> export.mkdir("abs/tmp/" + probe, SetAttributes.NONE),
            () -> export.rename("z", "abs/tmp/" + probe)));
    assertThat(names("")).containsExactlyInAnyOrder("z", "abs");
  }

  @Test
  void aRelativeSymlinkClimbingOutLeadsNowhere() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.mkdir("sub", SetAttributes.NONE);
    export.create("z", SetAttributes.NONE, true);
    String up = "../".repeat(31) + "..";
    export.symlink("up", up, SetAttributes.NONE);
    export.symlink("sub/up", "../" + up, SetAttributes.NONE);
    for (String link : List.of("up", "sub/up")) {
      assertAllFail(
          List.of(
              () -> export.getattr(link + "/etc"),
              () -> export.list(link),
              () -> export.open(link + "/etc/passwd", OpenMode.READ),
              () -> export.create(link + "/tmp/ferry-escape", SetAttributes.NONE, true),
              () -> export.rename("z", link + "/tmp/ferry-escape")));
    }
    assertThat(export.getattr("z").type()).isEqualTo(FileType.REGULAR);
  }

  @Test
  void symlinksIntoADirectoryOutsideTheExportLeadNowhere() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    Outside out = requireOutside();
    Object before = out.snapshot().call();
    export.mkdir("sub", SetAttributes.NONE);
    write("victim", bytes(16, 5));
    export.symlink("out-abs", out.absolutePath(), SetAttributes.NONE);
    export.symlink("out-rel", out.relativeFromRoot(), SetAttributes.NONE);
    export.symlink("sub/out-rel", "../" + out.relativeFromRoot(), SetAttributes.NONE);

    for (String link : List.of("out-abs", "out-rel", "sub/out-rel")) {
      String secret = link + "/" + out.secretName();
      List<ThrowingCallable> attempts = new ArrayList<>(throughLink(link, out.secretName(), "x"));
      attempts.addAll(
          List.of(
              () -> export.setattr(secret, SetAttributes.mode(0777)),
              () -> export.setattr(secret, SetAttributes.NONE.withSize(0L)),
              () ->
                  export.setattr(
                      secret,
                      SetAttributes.NONE.withTimes(TimeChange.SERVER_NOW, TimeChange.SERVER_NOW)),
              () -> export.remove(secret),
              () -> export.rename(secret, "stolen"),
              () -> export.rename("victim", link + "/planted-by-rename")));
      if (caps().hardLinks()) {
        attempts.add(() -> export.link(secret, "stolen-by-link"));
        attempts.add(() -> export.link("victim", link + "/planted-by-link"));
      }
      if (caps().posixOwnership()) {
        attempts.add(() -> export.setattr(secret, SetAttributes.NONE.withOwner(4242, 4242)));
      }
      assertAllFail(attempts);
      // and no secret bytes came back through any successful read
      assertThat(export.list(""))
          .extracting(DirEntry::name)
          .doesNotContain("stolen", "stolen-by-link");
    }
    assertThat(out.snapshot().call()).isEqualTo(before);
    assertThat(read("victim")).isEqualTo(bytes(16, 5));
  }

  /**
   * Clients race: one keeps swapping a directory for a symbolic link to the outside directory (all
   * through the SPI), others keep using paths through that directory. No call may ever reach the
   * outside object.
   */
  @Test
  void swappingADirectoryForAnEscapingLinkNeverLetsACallOut() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    Outside out = requireOutside();
    Object before = out.snapshot().call();
    byte[] inside = "inside content, not the secret".getBytes(UTF_8);
    assumeFalse(Arrays.equals(inside, out.secret()));
    export.mkdir("d", SetAttributes.NONE);
    write("d/" + out.secretName(), inside);
    long insideId = export.getattr("d/" + out.secretName()).fileId();
    String path = "d/" + out.secretName();

    int cycles = 1000;
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      Future<?> attacker =
          pool.submit(
              () -> {
                start.await();
                try {
                  for (int i = 0; i < cycles; i++) {
                    export.rename("d", "d.away");
                    export.symlink("d", out.absolutePath(), SetAttributes.NONE);
                    export.remove("d");
                    export.rename("d.away", "d");
                  }
                } finally {
                  done.set(true);
                }
                return null;
              });
      List<Future<?>> victims = new ArrayList<>();
      victims.add(
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  try {
                    assertThat(export.getattr(path).fileId()).isEqualTo(insideId);
                  } catch (BackendException expected) {
                    // the directory is away or is the link right now
                  }
                }
                return null;
              }));
      victims.add(
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  try (BackendHandle h = export.open(path, OpenMode.READ)) {
                    ByteBuffer buf = ByteBuffer.allocate(256);
                    int n = h.read(0, buf);
                    assertThat(Arrays.copyOf(buf.array(), Math.max(n, 0))).isEqualTo(inside);
                    reads.incrementAndGet();
                  } catch (BackendException expected) {
                    // as above
                  }
                }
                return null;
              }));
      victims.add(
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  try {
                    export.setattr(path, SetAttributes.NONE.withSize((long) inside.length));
                  } catch (BackendException expected) {
                    // as above
                  }
                }
                return null;
              }));
      if (caps().posixModes()) {
        for (int i = 0; i < 2; i++) {
          victims.add(
              pool.submit(
                  () -> {
                    start.await();
                    while (!done.get()) {
                      try {
                        export.setattr(path, SetAttributes.mode(0640));
                      } catch (BackendException expected) {
                        // as above
                      }
                    }
                    return null;
                  }));
        }
      }
      start.countDown();
      await(attacker);
      for (Future<?> v : victims) {
        await(v);
      }
    }
    assertThat(out.snapshot().call()).isEqualTo(before);
    assertThat(read(path)).isEqualTo(inside);
  }

  // =============================================================================================
  // remove and rmdir

  @Test
  void removeDeletesAFile() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    export.remove("f");
    assertFails(BackendStatus.NOT_FOUND, () -> export.getattr("f"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.remove("f"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.remove("no/f"));
  }

  @Test
  void removeOfADirectoryIsIsDirectory() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.IS_DIRECTORY, () -> export.remove("d"));
    assertThat(export.getattr("d").isDirectory()).isTrue();
  }

  @Test
  void removeOfASymlinkKeepsItsTarget() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.mkdir("d", SetAttributes.NONE);
    export.create("f", SetAttributes.NONE, true);
    export.symlink("ld", "d", SetAttributes.NONE);
    export.symlink("lf", "f", SetAttributes.NONE);
    export.remove("ld");
    export.remove("lf");
    assertThat(names("")).containsExactlyInAnyOrder("d", "f");
  }

  @Test
  void rmdirDeletesOnlyEmptyDirectories() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    export.create("d/f", SetAttributes.NONE, true);
    assertFails(BackendStatus.NOT_EMPTY, () -> export.rmdir("d"));
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.rmdir("d/f"));
    export.remove("d/f");
    export.rmdir("d");
    assertFails(BackendStatus.NOT_FOUND, () -> export.rmdir("d"));
    assertThat(export.list("")).isEmpty();
  }

  @Test
  void rmdirOfASymlinkToADirectoryFails() throws Exception {
    assumeTrue(caps().symlinks(), "symlinks");
    export.mkdir("d", SetAttributes.NONE);
    export.symlink("ld", "d", SetAttributes.NONE);
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.rmdir("ld"));
    assertThat(names("")).containsExactlyInAnyOrder("d", "ld");
  }

  // =============================================================================================
  // rename (POSIX rename(2))

  @Test
  void renameMovesAFileKeepingItsIdentity() throws Exception {
    write("a", bytes(77, 1));
    long id = export.getattr("a").fileId();
    export.mkdir("d", SetAttributes.NONE);
    export.rename("a", "d/b");
    assertFails(BackendStatus.NOT_FOUND, () -> export.getattr("a"));
    assertThat(export.getattr("d/b").fileId()).isEqualTo(id);
    assertThat(read("d/b")).isEqualTo(bytes(77, 1));
  }

  @Test
  void renameReplacesAnExistingFile() throws Exception {
    write("a", bytes(10, 1));
    write("b", bytes(20, 2));
    long id = export.getattr("a").fileId();
    export.rename("a", "b");
    assertThat(names("")).containsExactly("b");
    assertThat(export.getattr("b").fileId()).isEqualTo(id);
    assertThat(read("b")).isEqualTo(bytes(10, 1));
  }

  @Test
  void renameMovesADirectoryWithItsContents() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    export.mkdir("d/e", SetAttributes.NONE);
    write("d/e/f", bytes(5, 5));
    export.mkdir("other", SetAttributes.NONE);
    export.rename("d", "other/moved");
    assertThat(read("other/moved/e/f")).isEqualTo(bytes(5, 5));
    assertThat(names("")).containsExactly("other");
  }

  @Test
  void renameOfADirectoryOverAnEmptyDirectoryReplacesIt() throws Exception {
    export.mkdir("src", SetAttributes.NONE);
    export.create("src/f", SetAttributes.NONE, true);
    export.mkdir("dst", SetAttributes.NONE);
    export.rename("src", "dst");
    assertThat(names("")).containsExactly("dst");
    assertThat(names("dst")).containsExactly("f");
  }

  @Test
  void renameOfADirectoryOverANonEmptyDirectoryIsNotEmpty() throws Exception {
    export.mkdir("src", SetAttributes.NONE);
    export.mkdir("dst", SetAttributes.NONE);
    export.create("dst/keep", SetAttributes.NONE, true);
    assertFails(BackendStatus.NOT_EMPTY, () -> export.rename("src", "dst"));
    assertThat(names("dst")).containsExactly("keep");
    assertThat(names("")).containsExactlyInAnyOrder("src", "dst");
  }

  @Test
  void renameMixingFilesAndDirectoriesFollowsPosix() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    export.mkdir("d", SetAttributes.NONE);
    // rename(2): EISDIR when the target is a directory and the source is not
    assertFails(BackendStatus.IS_DIRECTORY, () -> export.rename("f", "d"));
    // rename(2): ENOTDIR when the source is a directory and the target is not
    assertFails(BackendStatus.NOT_DIRECTORY, () -> export.rename("d", "f"));
    assertThat(export.getattr("f").type()).isEqualTo(FileType.REGULAR);
    assertThat(export.getattr("d").type()).isEqualTo(FileType.DIRECTORY);
  }

  @Test
  void renameOfMissingNamesIsNotFound() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    assertFails(BackendStatus.NOT_FOUND, () -> export.rename("missing", "x"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.rename("f", "no/such/dir"));
    assertThat(names("")).containsExactly("f");
  }

  @Test
  void renameOntoItselfChangesNothing() throws Exception {
    write("f", bytes(3, 3));
    export.rename("f", "f");
    assertThat(read("f")).isEqualTo(bytes(3, 3));
  }

  @Test
  void renameOfADirectoryIntoItselfIsInvalid() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    export.mkdir("d/e", SetAttributes.NONE);
    assertFails(BackendStatus.INVALID_ARGUMENT, () -> export.rename("d", "d/e/d"));
    assertThat(names("d")).containsExactly("e");
  }

  @Test
  void renameBetweenTwoLinksOfOneFileKeepsBoth() throws Exception {
    assumeTrue(caps().hardLinks(), "hard links");
    write("a", bytes(8, 8));
    export.link("a", "b");
    // rename(2): if old and new are links to the same file, nothing is done
    export.rename("a", "b");
    assertThat(names("")).containsExactlyInAnyOrder("a", "b");
  }

  // =============================================================================================
  // hard links

  @Test
  void aHardLinkSharesTheObject() throws Exception {
    assumeTrue(caps().hardLinks(), "hard links");
    write("a", bytes(10, 1));
    FileAttributes linked = export.link("a", "b");
    assertThat(linked.nlink()).isEqualTo(2);
    assertThat(linked.fileId()).isEqualTo(export.getattr("a").fileId());
    assertThat(export.getattr("a").nlink()).isEqualTo(2);
    try (BackendHandle h = export.open("b", OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(bytes(10, 2)));
    }
    assertThat(read("a")).isEqualTo(bytes(10, 2));
    export.remove("a");
    assertThat(export.getattr("b").nlink()).isEqualTo(1);
    assertThat(read("b")).isEqualTo(bytes(10, 2));
  }

  @Test
  void hardLinkErrors() throws Exception {
    assumeTrue(caps().hardLinks(), "hard links");
    export.create("a", SetAttributes.NONE, true);
    export.create("b", SetAttributes.NONE, true);
    export.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.EXISTS, () -> export.link("a", "b"));
    assertFails(BackendStatus.IS_DIRECTORY, () -> export.link("d", "d2"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.link("missing", "c"));
    assertFails(BackendStatus.NOT_FOUND, () -> export.link("a", "no/c"));
    assertThat(export.getattr("a").nlink()).isEqualTo(1);
  }

  // =============================================================================================
  // mknod

  @Test
  void mknodIsNotSupportedWithoutSpecialFiles() throws Exception {
    assumeFalse(caps().specialFiles(), "special files are supported");
    assertFails(
        BackendStatus.NOT_SUPPORTED,
        () -> export.mknod("fifo", FileType.FIFO, 0, 0, SetAttributes.NONE));
    assertThat(export.list("")).isEmpty();
  }

  @Test
  void mknodMakesAFifo() throws Exception {
    assumeTrue(caps().specialFiles(), "special files");
    FileAttributes a = export.mknod("fifo", FileType.FIFO, 0, 0, SetAttributes.mode(0600));
    assertThat(a.type()).isEqualTo(FileType.FIFO);
    assertFailsAnyOf(() -> export.open("fifo", OpenMode.READ));
  }

  // =============================================================================================
  // open and I/O

  @Test
  void writtenBytesReadBack() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      assertThat(h.write(0, ByteBuffer.wrap("hello, world".getBytes(UTF_8)))).isEqualTo(12);
      assertThat(h.write(7, ByteBuffer.wrap("ferry".getBytes(UTF_8)))).isEqualTo(5);
      ByteBuffer dst = ByteBuffer.allocate(64);
      assertThat(h.read(0, dst)).isEqualTo(12);
      assertThat(new String(dst.array(), 0, 12, UTF_8)).isEqualTo("hello, ferry");
      assertThat(h.getattr().size()).isEqualTo(12);
      h.sync();
    }
    try (BackendHandle h = export.open("f", OpenMode.READ)) {
      ByteBuffer direct = ByteBuffer.allocateDirect(5);
      assertThat(h.read(7, direct)).isEqualTo(5);
      direct.flip();
      assertThat(UTF_8.decode(direct).toString()).isEqualTo("ferry");
    }
  }

  @Test
  void readsAtTheEndOfFile() throws Exception {
    write("f", bytes(100, 1));
    try (BackendHandle h = export.open("f", OpenMode.READ)) {
      assertThat(h.read(100, ByteBuffer.allocate(10))).isEqualTo(-1);
      assertThat(h.read(1000, ByteBuffer.allocate(10))).isEqualTo(-1);
      ByteBuffer near = ByteBuffer.allocate(10);
      assertThat(h.read(95, near)).isEqualTo(5);
      assertThat(Arrays.copyOf(near.array(), 5))
          .isEqualTo(Arrays.copyOfRange(bytes(100, 1), 95, 100));
      assertThat(h.read(0, ByteBuffer.allocate(0))).isZero();
    }
  }

  @Test
  void openErrors() throws Exception {
    export.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.NOT_FOUND, () -> export.open("missing", OpenMode.READ));
    assertFails(BackendStatus.NOT_FOUND, () -> export.open("no/f", OpenMode.READ));
    assertFails(BackendStatus.IS_DIRECTORY, () -> export.open("d", OpenMode.READ));
    assertFails(BackendStatus.IS_DIRECTORY, () -> export.open("d", OpenMode.READ_WRITE));
  }

  @Test
  void aReadHandleDoesNotWrite() throws Exception {
    write("f", bytes(10, 1));
    try (BackendHandle h = export.open("f", OpenMode.READ)) {
      assertFailsAnyOf(() -> h.write(0, ByteBuffer.wrap(bytes(10, 2))));
    }
    assertThat(read("f")).isEqualTo(bytes(10, 1));
  }

  @Test
  void negativeOffsetsAreInvalid() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      assertFails(BackendStatus.INVALID_ARGUMENT, () -> h.read(-1, ByteBuffer.allocate(1)));
      assertFails(BackendStatus.INVALID_ARGUMENT, () -> h.write(-1, ByteBuffer.allocate(1)));
    }
  }

  @Test
  void largeIoIsByteIdentical() throws Exception {
    byte[] data = bytes(8 * 1024 * 1024 + 12_345, 42);
    export.create("big", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("big", OpenMode.READ_WRITE)) {
      // one huge write, then overwrite the first half in 1 MiB pieces
      assertThat(h.write(0, ByteBuffer.wrap(data))).isEqualTo(data.length);
      for (int off = 0; off < data.length / 2; off += 1 << 20) {
        int len = Math.min(1 << 20, data.length / 2 - off);
        assertThat(h.write(off, ByteBuffer.wrap(data, off, len))).isEqualTo(len);
      }
      h.sync();
    }
    assertThat(export.getattr("big").size()).isEqualTo(data.length);
    byte[] back = new byte[data.length];
    try (BackendHandle h = export.open("big", OpenMode.READ)) {
      int chunk = 1_000_003; // odd on purpose
      for (int off = 0; off < back.length; ) {
        ByteBuffer dst = ByteBuffer.wrap(back, off, Math.min(chunk, back.length - off));
        int n = h.read(off, dst);
        assertThat(n).isPositive();
        off += n;
      }
      ByteBuffer whole = ByteBuffer.allocateDirect(data.length);
      assertThat(h.read(0, whole)).isEqualTo(data.length);
      whole.flip();
      byte[] again = new byte[data.length];
      whole.get(again);
      assertThat(Arrays.equals(again, data)).as("one big read is byte-identical").isTrue();
    }
    assertThat(Arrays.equals(back, data)).as("chunked reads are byte-identical").isTrue();
  }

  @Test
  void concurrentPositionalWritesLandWhereAsked() throws Exception {
    int threads = 8;
    int stripe = 64 * 1024;
    int stripesPerThread = 16;
    export.create("shared", SetAttributes.NONE, true);
    try (BackendHandle h = export.open("shared", OpenMode.READ_WRITE);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int s = 0; s < stripesPerThread; s++) {
                    long index = (long) s * threads + thread; // interleaved stripes
                    byte[] pattern = bytes(stripe, (int) index + 1);
                    h.write(index * stripe, ByteBuffer.wrap(pattern));
                    ByteBuffer check = ByteBuffer.allocate(stripe);
                    assertThat(h.read(index * stripe, check)).isEqualTo(stripe);
                    assertThat(check.array()).isEqualTo(pattern);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        await(f);
      }
      long total = (long) threads * stripesPerThread * stripe;
      assertThat(h.getattr().size()).isEqualTo(total);
      for (long index = 0; index < (long) threads * stripesPerThread; index++) {
        ByteBuffer dst = ByteBuffer.allocate(stripe);
        assertThat(h.read(index * stripe, dst)).isEqualTo(stripe);
        assertThat(dst.array()).as("stripe %d", index).isEqualTo(bytes(stripe, (int) index + 1));
      }
    }
  }

  @Test
  void aWritePastTheEndLeavesAHoleOfZeros() throws Exception {
    export.create("sparse", SetAttributes.NONE, true);
    long offset = 1 << 20;
    try (BackendHandle h = export.open("sparse", OpenMode.READ_WRITE)) {
      h.write(offset, ByteBuffer.wrap(new byte[] {'x'}));
      assertThat(h.getattr().size()).isEqualTo(offset + 1);
      ByteBuffer gap = ByteBuffer.allocate((int) offset);
      assertThat(h.read(0, gap)).isEqualTo((int) offset);
      assertThat(gap.array()).isEqualTo(new byte[(int) offset]);
      ByteBuffer last = ByteBuffer.allocate(1);
      assertThat(h.read(offset, last)).isEqualTo(1);
      assertThat(last.get(0)).isEqualTo((byte) 'x');
    }
  }

  @Test
  void sizeChangesAreSeenThroughAnOpenHandle() throws Exception {
    write("f", bytes(1000, 1));
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      export.setattr("f", SetAttributes.NONE.withSize(10L));
      assertThat(h.getattr().size()).isEqualTo(10);
      assertThat(h.read(10, ByteBuffer.allocate(5))).isEqualTo(-1);
      export.setattr("f", SetAttributes.NONE.withSize(5000L));
      assertThat(h.getattr().size()).isEqualTo(5000);
    }
  }

  @Test
  void aWriteMovesTheModificationTime() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    Instant past = Instant.parse("2000-01-01T00:00:00Z");
    export.setattr("f", SetAttributes.NONE.withTimes(null, TimeChange.to(past)));
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(bytes(10, 1)));
      assertThat(h.getattr().mtime()).isAfter(past);
    }
    assertThat(export.getattr("f").mtime()).isAfter(past);
  }

  @Test
  void aHandleKeepsWorkingAfterItsFileIsRenamed() throws Exception {
    write("f", bytes(10, 1));
    try (BackendHandle h = export.open("f", OpenMode.READ_WRITE)) {
      export.rename("f", "g");
      h.write(10, ByteBuffer.wrap(bytes(10, 2)));
      ByteBuffer dst = ByteBuffer.allocate(20);
      assertThat(h.read(0, dst)).isEqualTo(20);
      assertThat(h.getattr().size()).isEqualTo(20);
    }
    assertThat(export.getattr("g").size()).isEqualTo(20);
  }

  @Test
  void closingAHandleTwiceIsHarmless() throws Exception {
    export.create("f", SetAttributes.NONE, true);
    BackendHandle h = export.open("f", OpenMode.READ);
    h.close();
    h.close();
  }

  // =============================================================================================
  // fsstat

  @Test
  void fsstatIsSane() throws Exception {
    FsStats s = export.fsstat();
    assertThat(s.totalBytes()).isPositive();
    assertThat(s.freeBytes()).isBetween(0L, s.totalBytes());
    assertThat(s.availableBytes()).isBetween(0L, s.freeBytes());
    assertThat(s.totalFiles()).isNotNegative();
    if (s.totalFiles() > 0) {
      assertThat(s.freeFiles()).isBetween(0L, s.totalFiles());
      assertThat(s.availableFiles()).isBetween(0L, s.freeFiles());
    } else {
      assertThat(s.freeFiles()).isZero();
      assertThat(s.availableFiles()).isZero();
    }
  }

  // =============================================================================================
  // Helpers for subclasses and the tests above

  /** The export's capabilities. */
  protected final BackendCapabilities caps() {
    return export.capabilities();
  }

  /** Creates or overwrites {@code path} with exactly {@code data}. */
  protected final void write(String path, byte[] data) throws BackendException {
    export.create(path, SetAttributes.NONE.withSize(0L), false);
    try (BackendHandle h = export.open(path, OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.wrap(data));
    }
  }

  /** The whole content of {@code path}. */
  protected final byte[] read(String path) throws BackendException {
    try (BackendHandle h = export.open(path, OpenMode.READ)) {
      long size = h.getattr().size();
      assertThat(size).isLessThan(Integer.MAX_VALUE);
      ByteBuffer dst = ByteBuffer.allocate((int) size);
      int n = dst.capacity() == 0 ? 0 : h.read(0, dst);
      assertThat(n).isEqualTo((int) size);
      return dst.array();
    }
  }

  /** The names in {@code dir}. */
  protected final List<String> names(String dir) throws BackendException {
    return export.list(dir).stream().map(DirEntry::name).toList();
  }

  /** Deterministic pseudo-random bytes. */
  protected static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Asserts that {@code call} fails with {@code expected}. */
  protected static void assertFails(BackendStatus expected, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).as("status of: %s", e.getMessage()).isEqualTo(expected));
  }

  /** Asserts that {@code call} fails with one of {@code allowed}. */
  protected static void assertFailsAnyOf(Set<BackendStatus> allowed, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> assertThat(e.status()).as("status of: %s", e.getMessage()).isIn(allowed));
  }

  /** Asserts that {@code call} fails with a {@link BackendException}. */
  protected static void assertFailsAnyOf(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(BackendException.class);
  }

  private static void assertAllFail(List<ThrowingCallable> calls) {
    for (int i = 0; i < calls.size(); i++) {
      ThrowingCallable call = calls.get(i);
      try {
        call.call();
        fail("attempt #" + i + " through a symbolic link succeeded");
      } catch (BackendException expected) {
        // contained
      } catch (Throwable t) {
        fail("attempt #" + i + " threw a non-BackendException: " + t, t);
      }
    }
  }

  /** Every kind of call through {@code link}, which must all fail. */
  private List<ThrowingCallable> throughLink(String link, String existingName, String subdir) {
    String existing = link + "/" + existingName;
    List<ThrowingCallable> calls =
        new ArrayList<>(
            List.of(
                () -> export.getattr(existing),
                () -> export.getattr(link + "/" + subdir),
                () -> export.list(link),
                () -> export.list(link + "/" + subdir),
                () -> export.open(existing, OpenMode.READ),
                () -> export.open(existing, OpenMode.READ_WRITE),
                () -> export.setattr(existing, SetAttributes.NONE),
                () -> export.create(link + "/planted", SetAttributes.NONE, true),
                () -> export.create(link + "/planted", SetAttributes.NONE, false),
                () -> export.create(existing, SetAttributes.NONE.withSize(0L), false),
                () -> export.mkdir(link + "/planted-dir", SetAttributes.NONE),
                () -> export.remove(existing),
                () -> export.rmdir(link + "/" + subdir),
                () -> export.rename(existing, "moved-out")));
    if (caps().symlinks()) {
      calls.add(() -> export.symlink(link + "/planted-link", "t", SetAttributes.NONE));
      calls.add(() -> export.readlink(existing));
    }
    if (caps().posixModes()) {
      calls.add(() -> export.setattr(existing, SetAttributes.mode(0777)));
    }
    return calls;
  }

  private Outside requireOutside() {
    Optional<Outside> out = outside();
    assumeTrue(out.isPresent(), "the driver's test provides no outside directory");
    return out.get();
  }

  private Instant truncate(Instant t) {
    Duration r = timeResolution();
    if (r.toNanos() <= 1) {
      return t;
    }
    long nanos = r.toNanos();
    long epochNanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    return Instant.EPOCH.plus(Math.floorDiv(epochNanos, nanos) * nanos, ChronoUnit.NANOS);
  }

  private static void await(Future<?> f) throws Exception {
    f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
