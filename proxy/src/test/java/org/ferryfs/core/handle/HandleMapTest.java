package org.ferryfs.core.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandleMapTest {
  @TempDir Path dir;

  private HandleMap open() throws BackendException {
    return HandleMap.open(dir.resolve("handles.db"));
  }

  @Test
  void rootsAndIdsSurviveReopen() throws Exception {
    long root;
    long file;
    int gen;
    try (HandleMap m = open()) {
      root = m.root(1);
      long d = m.bind(root, "d", 1, FileType.DIRECTORY, 10);
      file = m.bind(d, "f", 1, FileType.REGULAR, 11);
      gen = m.generation();
      m.commit();
    }
    try (HandleMap m = open()) {
      assertThat(m.root(1)).isEqualTo(root);
      assertThat(m.generation()).isEqualTo(gen);
      assertThat(m.path(file)).isEqualTo("d/f");
      assertThat(m.child(root, "d")).isPresent();
    }
  }

  @Test
  void generationDiffersBetweenStateDirs(@TempDir Path other) throws Exception {
    try (HandleMap a = open();
        HandleMap b = HandleMap.open(other.resolve("handles.db"))) {
      assertThat(a.generation()).isNotEqualTo(b.generation());
    }
  }

  @Test
  void bindIsIdempotentAndIdsAreNeverReused() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long a = m.bind(root, "a", 1, FileType.REGULAR, 1);
      assertThat(m.bind(root, "a", 1, FileType.REGULAR, 1)).isEqualTo(a);
      assertThat(m.unlink(root, "a")).hasValue(a);
      assertThat(m.get(a)).isEmpty();
      long again = m.bind(root, "a", 1, FileType.REGULAR, 1);
      assertThat(again).isGreaterThan(a);
      assertThatThrownBy(() -> m.path(a))
          .isInstanceOf(BackendException.class)
          .extracting(e -> ((BackendException) e).status())
          .isEqualTo(BackendStatus.STALE);
    }
  }

  @Test
  void renamingADirectoryKeepsDescendantIdsAndMovesTheirPaths() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long d = m.bind(root, "d", 1, FileType.DIRECTORY, 1);
      long sub = m.bind(d, "sub", 1, FileType.DIRECTORY, 2);
      long f = m.bind(sub, "f", 1, FileType.REGULAR, 3);
      long other = m.bind(root, "other", 1, FileType.DIRECTORY, 4);
      m.rename(root, "d", other, "moved");
      assertThat(m.path(f)).isEqualTo("other/moved/sub/f");
      assertThat(m.path(d)).isEqualTo("other/moved");
      assertThat(m.child(root, "d")).isEmpty();
      assertThat(m.child(other, "moved")).hasValue(d);
      assertThat(m.isSelfOrAncestor(d, f)).isTrue();
      assertThat(m.isSelfOrAncestor(f, d)).isFalse();
    }
  }

  @Test
  void renameOntoAnExistingNameForgetsTheReplacedObject() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long a = m.bind(root, "a", 1, FileType.REGULAR, 1);
      long b = m.bind(root, "b", 1, FileType.REGULAR, 2);
      m.rename(root, "a", root, "b");
      assertThat(m.child(root, "b")).hasValue(a);
      assertThat(m.get(b)).isEmpty();
      assertThat(m.path(a)).isEqualTo("b");
    }
  }

  @Test
  void hardLinksShareOneIdAndSurviveLosingANname() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long d = m.bind(root, "d", 1, FileType.DIRECTORY, 1);
      long f = m.bind(root, "f", 1, FileType.REGULAR, 7);
      m.addLink(f, d, "g");
      assertThat(m.child(d, "g")).hasValue(f);
      assertThat(m.unlink(root, "f")).isEmpty();
      assertThat(m.path(f)).isEqualTo("d/g");
      assertThat(m.unlink(d, "g")).hasValue(f);
      assertThat(m.get(f)).isEmpty();
    }
  }

  @Test
  void renameBetweenTwoLinksOfTheSameObjectChangesNothing() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long f = m.bind(root, "f", 1, FileType.REGULAR, 7);
      m.addLink(f, root, "g");
      m.rename(root, "f", root, "g");
      assertThat(m.child(root, "f")).hasValue(f);
      assertThat(m.child(root, "g")).hasValue(f);
    }
  }

  @Test
  void fileKeysFindOtherNamesOfHardLinkedFiles() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(3);
      long f = m.bind(root, "f", 3, FileType.REGULAR, 99);
      m.registerFileKey(f, 3, 99);
      assertThat(m.byFileKey(3, 99)).hasValue(f);
      assertThat(m.byFileKey(4, 99)).isEmpty();
      m.unlink(root, "f");
      assertThat(m.byFileKey(3, 99)).isEmpty();
    }
  }

  @Test
  void forgettingAnExportRemovesItsObjectsOnly() throws Exception {
    try (HandleMap m = open()) {
      long r1 = m.root(1);
      long r2 = m.root(2);
      long a = m.bind(r1, "a", 1, FileType.REGULAR, 1);
      long b = m.bind(r2, "b", 2, FileType.REGULAR, 1);
      assertThat(m.forgetExport(1)).isEqualTo(2);
      assertThat(m.get(a)).isEmpty();
      assertThat(m.get(r1)).isEmpty();
      assertThat(m.path(b)).isEqualTo("b");
      assertThat(m.root(1)).isNotEqualTo(r1);
    }
  }

  @Test
  void createVerifierIsRemembered() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      long f = m.bind(root, "f", 1, FileType.REGULAR, 1);
      m.setCreateVerifier(f, 1234L);
      m.commit();
    }
    try (HandleMap m = open()) {
      long f = m.child(m.root(1), "f").orElseThrow();
      assertThat(m.get(f).orElseThrow().createVerifier()).isEqualTo(1234L);
    }
  }

  @Test
  void aSecondOpenOfTheSameFileIsRefusedClearly() throws Exception {
    try (HandleMap m = open()) {
      assertThatThrownBy(this::open)
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("handles.db");
    }
  }

  @Test
  void recordCodecRoundTrips() {
    HandleMap.ObjectRecord r =
        new HandleMap.ObjectRecord(
            7,
            FileType.SYMLINK,
            -5L,
            42L,
            java.util.List.of(new HandleMap.Link(3, "naïve name"), new HandleMap.Link(4, "x")));
    assertThat(HandleMap.decode(HandleMap.encode(r))).isEqualTo(r);
  }

  @Test
  void committedChangesSurviveACrashThroughTheJournal() throws Exception {
    long root;
    long d;
    long f;
    long g;
    HandleMap m = open();
    root = m.root(1);
    d = m.bind(root, "d", 1, FileType.DIRECTORY, 1);
    f = m.bind(d, "f", 1, FileType.REGULAR, 2);
    g = m.bind(d, "g", 1, FileType.REGULAR, 3);
    m.checkpoint();
    // changes after the checkpoint live only in the journal
    m.rename(d, "f", root, "moved");
    m.unlink(d, "g");
    m.addLink(f, d, "alias");
    m.setCreateVerifier(f, 99);
    long h = m.bind(root, "h", 1, FileType.REGULAR, 4);
    m.commit();
    m.crashForTest();

    try (HandleMap again = open()) {
      assertThat(again.root(1)).isEqualTo(root);
      assertThat(again.path(f)).isEqualTo("moved");
      assertThat(again.child(d, "alias")).hasValue(f);
      assertThat(again.get(g)).isEmpty();
      assertThat(again.get(f).orElseThrow().createVerifier()).isEqualTo(99);
      assertThat(again.path(h)).isEqualTo("h");
      // the id counter is past every id handed out before the crash
      assertThat(again.bind(root, "new", 1, FileType.REGULAR, 5)).isGreaterThan(h);
    }
  }

  @Test
  void uncommittedChangesMayBeLostButNothingElse() throws Exception {
    HandleMap m = open();
    long root = m.root(1);
    long kept = m.bind(root, "kept", 1, FileType.REGULAR, 1);
    m.commit();
    m.bind(root, "unacknowledged", 1, FileType.REGULAR, 2);
    m.crashForTest();
    try (HandleMap again = open()) {
      assertThat(again.child(root, "kept")).hasValue(kept);
      assertThat(again.child(root, "unacknowledged")).isEmpty();
    }
  }

  @Test
  void aTornJournalTailIsIgnored() throws Exception {
    HandleMap m = open();
    long root = m.root(1);
    long a = m.bind(root, "a", 1, FileType.REGULAR, 1);
    m.commit();
    m.crashForTest();
    java.nio.file.Path journal = HandleMap.journalFile(dir.resolve("handles.db"));
    java.nio.file.Files.write(
        journal, new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    try (HandleMap again = open()) {
      assertThat(again.child(root, "a")).hasValue(a);
    }
    assertThat(java.nio.file.Files.size(journal)).isZero();
  }

  @Test
  void checkpointsKeepTheFileSmallUnderChurn() throws Exception {
    try (HandleMap m = open()) {
      long root = m.root(1);
      for (int round = 0; round < 200; round++) {
        for (int i = 0; i < 100; i++) {
          m.bind(root, "f" + i, 1, FileType.REGULAR, i);
        }
        m.commit();
        for (int i = 0; i < 100; i++) {
          m.unlink(root, "f" + i);
        }
        m.commit();
        m.checkpoint();
      }
      assertThat(m.size()).isEqualTo(1);
    }
    assertThat(java.nio.file.Files.size(dir.resolve("handles.db"))).isLessThan(8L << 20);
  }
}
