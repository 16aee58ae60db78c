package org.ferryfs.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded, aging set of just-created files kept open for the next open. */
class CreatedFilesTest {
  @TempDir Path tmp;

  private final List<FileChannel> opened = new ArrayList<>();
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private final CreatedFiles files = new CreatedFiles(3, Duration.ofSeconds(5), clock);

  @AfterEach
  void closeAll() throws IOException {
    for (FileChannel c : opened) {
      c.close();
    }
  }

  private FileChannel channel(String name) throws IOException {
    FileChannel c =
        FileChannel.open(
            tmp.resolve(name),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    opened.add(c);
    return c;
  }

  /** A new channel, put under {@code path} with the path as its key. */
  private FileChannel kept(String path) throws IOException {
    FileChannel c = channel(path.replace('/', '_'));
    files.put(path, c, path);
    return c;
  }

  @Test
  void aTakenEntryIsTheCallersAndGone() throws IOException {
    FileChannel a = channel("a");
    files.put("a", a, "key-a");
    assertThat(files.take("b")).isNull();
    CreatedFiles.Entry e = files.take("a");
    assertThat(e.channel()).isSameAs(a);
    assertThat(e.fileKey()).isEqualTo("key-a");
    assertThat(a.isOpen()).isTrue();
    assertThat(files.take("a")).isNull();
  }

  @Test
  void theOldestAreClosedBeyondTheCapacity() throws IOException {
    List<FileChannel> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cs.add(channel("f" + i));
      files.put("f" + i, cs.get(i), i);
    }
    assertThat(files.size()).isEqualTo(3);
    assertThat(cs).extracting(FileChannel::isOpen).containsExactly(false, false, true, true, true);
    // a path put again replaces (closes) its old entry and becomes the youngest
    FileChannel again = channel("again");
    files.put("f2", again, "new");
    assertThat(cs.get(2).isOpen()).isFalse();
    files.put("f5", channel("f5"), 5);
    assertThat(cs.get(3).isOpen()).isFalse();
    assertThat(files.take("f2").channel()).isSameAs(again);
  }

  @Test
  void entriesAgeOutByTheClock() throws IOException {
    FileChannel old = kept("old");
    now = now.plusSeconds(4);
    FileChannel young = kept("young");
    now = now.plusSeconds(2);
    assertThat(files.take("nothing")).isNull();
    assertThat(old.isOpen()).isFalse();
    assertThat(files.take("young").channel()).isSameAs(young);
  }

  @Test
  void discardClearAndCloseCloseTheChannels() throws IOException {
    FileChannel a = kept("a");
    FileChannel b = kept("b");
    files.discard("a");
    assertThat(a.isOpen()).isFalse();
    FileChannel inside = kept("d/x/f");
    FileChannel sibling = kept("d/xy");
    files.discardTree("d/x");
    assertThat(inside.isOpen()).isFalse();
    assertThat(sibling.isOpen()).isTrue();
    files.clear();
    assertThat(b.isOpen()).isFalse();
    assertThat(files.size()).isZero();
    files.close();
    FileChannel late = channel("late");
    files.put("late", late, 3);
    assertThat(late.isOpen()).isFalse();
    assertThat(files.take("late")).isNull();
  }
}
