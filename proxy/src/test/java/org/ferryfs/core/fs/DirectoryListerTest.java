package org.ferryfs.core.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ferryfs.backend.DirEntry;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.junit.jupiter.api.Test;

class DirectoryListerTest {
  private static final byte[] SECRET = new byte[32];

  private static FileAttributes attrs(Instant mtime) {
    return new FileAttributes(
        FileType.DIRECTORY, 0755, 2, 0, 0, 0, 0, 0, 0, 1, mtime, mtime, mtime, null);
  }

  private static List<DirEntry> names(int n) {
    List<DirEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new DirEntry("file-" + i, attrs(Instant.EPOCH)));
    }
    return out;
  }

  @Test
  void cookiesArePositiveStableAndAboveDotDot() {
    DirectoryLister a = new DirectoryLister(SECRET, 16, Duration.ofMinutes(1));
    DirectoryLister b = new DirectoryLister(SECRET, 16, Duration.ofMinutes(1));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      long c = a.cookie("name-" + i);
      assertThat(c).isGreaterThan(DirectoryLister.COOKIE_DOTDOT);
      assertThat(b.cookie("name-" + i)).isEqualTo(c);
      seen.add(c);
    }
    assertThat(seen).hasSize(10_000);
    assertThat(a.verifier(5)).isEqualTo(b.verifier(5)).isNotZero();
  }

  @Test
  void resumingAfterAnyCookieNeitherSkipsNorRepeatsSurvivors() throws Exception {
    DirectoryLister lister = new DirectoryLister(SECRET, 16, Duration.ofMinutes(1));
    List<DirEntry> entries = names(500);
    DirectoryLister.Snapshot s1 = lister.snapshot(1, attrs(Instant.EPOCH), 0, () -> entries);
    // read the first 100 in cookie order
    List<String> firstPage = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      firstPage.add(s1.entries()[i].name());
    }
    long resume = s1.cookies()[99];
    // the directory changes: some of the read entries and some unread ones vanish, others appear
    List<DirEntry> changed = new ArrayList<>(entries);
    changed.removeIf(e -> e.name().endsWith("7"));
    changed.add(new DirEntry("newcomer", attrs(Instant.EPOCH)));
    DirectoryLister.Snapshot s2 =
        lister.snapshot(1, attrs(Instant.ofEpochSecond(5)), 0, () -> changed);
    List<String> rest = new ArrayList<>();
    for (int i = s2.after(resume); i < s2.entries().length; i++) {
      rest.add(s2.entries()[i].name());
    }
    Set<String> all = new HashSet<>(firstPage);
    for (String r : rest) {
      assertThat(all.add(r)).as("repeated %s", r).isTrue();
    }
    for (DirEntry e : changed) {
      if (!e.name().equals("newcomer")) {
        assertThat(all).as("skipped %s", e.name()).contains(e.name());
      }
    }
  }

  @Test
  void snapshotIsReusedWhileTheDirectoryIsUnchanged() throws Exception {
    DirectoryLister lister = new DirectoryLister(SECRET, 16, Duration.ofMinutes(1));
    int[] listings = {0};
    DirectoryLister.Source src =
        () -> {
          listings[0]++;
          return names(3);
        };
    lister.snapshot(1, attrs(Instant.EPOCH), 0, src);
    lister.snapshot(1, attrs(Instant.EPOCH), 0, src);
    assertThat(listings[0]).isEqualTo(1);
    lister.snapshot(1, attrs(Instant.ofEpochSecond(1)), 0, src);
    assertThat(listings[0]).isEqualTo(2);
    lister.invalidate(1);
    lister.snapshot(1, attrs(Instant.ofEpochSecond(1)), 0, src);
    assertThat(listings[0]).isEqualTo(3);
  }
}
