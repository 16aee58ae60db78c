package org.ferryfs.mapping.mvstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.ExportState;
import org.ferryfs.mapping.MappingEvent;
import org.ferryfs.mapping.MappingStore;
import org.ferryfs.mapping.MappingStoreContractTest;
import org.ferryfs.mapping.MappingStoreException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The contract, plus what only the embedded store promises: files, locks, crashes, formats. */
class MvStoreMappingStoreTest extends MappingStoreContractTest {

  private static final Pattern ACK = Pattern.compile("ACK (\\S+) (\\d+) OK");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("mappings.mv");
  }

  @Override
  protected MappingStore open() {
    return MvStoreMappingStore.open(file());
  }

  @Override
  protected MappingStore reopen(MappingStore old) {
    old.close();
    return MvStoreMappingStore.open(file());
  }

  // ---- events are synchronous and after the change ----

  @Test
  void eventsAreDeliveredBeforeTheWriteReturnsAndSeeTheNewState() throws Exception {
    List<MappingEvent> events = new ArrayList<>();
    List<Object> seenByListener = new ArrayList<>();
    try (AutoCloseable ignored =
        store.watch(
            e -> {
              events.add(e);
              seenByListener.add(store.get(e.name()));
            })) {
      ExportMapping a = store.create(draft("a"));
      assertThat(events).containsExactly(new MappingEvent(MappingEvent.Kind.CREATED, "a", a));
      assertThat(seenByListener).containsExactly(Optional.of(a));

      store.delete("a", 1);
      assertThat(events).hasSize(2);
      assertThat(seenByListener).element(1).isEqualTo(Optional.empty());
    }
  }

  @Test
  void aListenerThatWritesToTheStoreIsRefused() throws Exception {
    AtomicReference<Throwable> refused = new AtomicReference<>();
    try (AutoCloseable ignored =
        store.watch(
            e -> {
              if (e.name().equals("a")) {
                try {
                  store.create(draft("from-listener"));
                } catch (Exception | Error ex) {
                  refused.set(ex);
                }
              }
            })) {
      store.create(draft("a"));
    }

    assertThat(refused.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must not write");
    assertThat(store.get("from-listener")).isEmpty();
    assertThat(store.create(draft("b")).name()).isEqualTo("b");
  }

  @Test
  void indexesCountUpFromOne() throws Exception {
    assertThat(store.create(draft("a")).exportIndex()).isEqualTo(1);
    assertThat(store.create(draft("b")).exportIndex()).isEqualTo(2);
    store.delete("b", 1);
    reopenStore();
    assertThat(store.create(draft("b")).exportIndex()).isEqualTo(3);
  }

  // ---- exclusive use ----

  @Test
  void aSecondOpenInTheSameJvmSaysTheFileIsInUse() throws Exception {
    Path real = file().toRealPath();

    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageStartingWith("state file " + real + " is in use by another Ferry");
    // The refused open must not have disturbed the first one.
    store.create(draft("still-works"));

    store.close();
    try (MvStoreMappingStore again = MvStoreMappingStore.open(file())) {
      assertThat(again.get("still-works")).isPresent();
    }
  }

  @Test
  void aSymlinkToAnOpenFileIsInUseToo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.mv"), file());

    assertThatThrownBy(() -> MvStoreMappingStore.open(link))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageStartingWith(
            "state file " + file().toRealPath() + " is in use by another Ferry");
  }

  @Test
  @Timeout(120)
  void aSecondProcessSaysTheFileIsInUseUntilTheFirstCloses() throws Exception {
    Path real = file().toRealPath();
    // A refused open in this JVM first: it must not release this JVM's lock on the file.
    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class);

    List<String> whileOpen = runChildToEnd("probe", file());
    assertThat(whileOpen)
        .singleElement()
        .asString()
        .startsWith("FAILED state file " + real + " is in use by another Ferry");

    store.close();
    assertThat(runChildToEnd("probe", file())).containsExactly("OPENED 0");
  }

  // ---- files that cannot be used ----

  @Test
  void aMissingDirectoryIsOneClearMessage() {
    Path missing = dir.resolve("no-such-dir").resolve("mappings.mv");

    assertThatThrownBy(() -> MvStoreMappingStore.open(missing))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist")
        .hasNoCause();
  }

  @Test
  void aDirectoryInPlaceOfTheFileIsOneClearMessage() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("dir.mv"));

    assertThatThrownBy(() -> MvStoreMappingStore.open(notAFile))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining("dir.mv")
        .hasMessageContaining("not a regular file");
  }

  @Test
  void aGarbageFileIsOneClearMessageNamingTheFile() throws Exception {
    Path garbage = dir.resolve("garbage.mv");
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    Files.write(garbage, bytes);
    Path text = Files.writeString(dir.resolve("text.mv"), "not a store\n".repeat(1000));

    for (Path f : List.of(garbage, text)) {
      assertThatThrownBy(() -> MvStoreMappingStore.open(f))
          .isInstanceOf(MappingStoreException.class)
          .hasMessageStartingWith("state file " + f.toRealPath())
          .hasMessageContaining("cannot be read as a Ferry mapping store");
      // The failed open released the file: once it is replaced, it opens.
      Files.delete(f);
      MvStoreMappingStore.open(f).close();
    }
  }

  @Test
  void aTruncatedStoreIsOneClearMessage() throws Exception {
    for (int i = 0; i < 20; i++) {
      store.create(draft("e" + i));
    }
    store.close();
    byte[] whole = Files.readAllBytes(file());
    Path cut = dir.resolve("cut.mv");
    Files.write(cut, Arrays.copyOf(whole, 100));

    assertThatThrownBy(() -> MvStoreMappingStore.open(cut))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining(cut.toRealPath().toString());
  }

  @Test
  void aCorruptRecordNamesTheFileAndTheExport() throws Exception {
    store.create(draft("good"));
    store.close();
    withRawStore(file(), (records, meta) -> records.put("bad", new byte[] {1, 0, 3, 'b', 'a'}));

    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining(file().toRealPath().toString())
        .hasMessageContaining("export 'bad'")
        .hasMessageContaining("truncated");
  }

  @Test
  void anUnknownStateIsRefusedByName() throws Exception {
    ExportMapping a = store.create(draft("a"));
    store.close();
    byte[] record = MappingRecordCodec.encode(a);
    String text = new String(record, StandardCharsets.ISO_8859_1).replace("ACTIVE", "PAUSED");
    withRawStore(
        file(), (records, meta) -> records.put("a", text.getBytes(StandardCharsets.ISO_8859_1)));

    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining(file().toRealPath().toString())
        .hasMessageContaining("unknown export state 'PAUSED'");
  }

  @Test
  void aNewerFileFormatIsRefused() throws Exception {
    store.close();
    withRawStore(file(), (records, meta) -> meta.put(MvStoreMappingStore.META_FORMAT, 2L));

    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining("format 2")
        .hasMessageContaining("newer Ferry");
  }

  @Test
  void anotherApplicationsMvStoreFileIsRefused() throws Exception {
    Path foreign = dir.resolve("foreign.mv");
    MVStore mv = new MVStore.Builder().fileName(foreign.toString()).open();
    mv.<String, String>openMap("customers").put("k", "v");
    mv.close();

    assertThatThrownBy(() -> MvStoreMappingStore.open(foreign))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining("not a Ferry mapping store")
        .hasMessageContaining("customers");
  }

  @Test
  void anIndexCounterBehindTheRecordsIsCorruption() throws Exception {
    store.create(draft("a"));
    store.create(draft("b"));
    store.close();
    withRawStore(file(), (records, meta) -> meta.put(MvStoreMappingStore.META_NEXT_INDEX, 2L));

    assertThatThrownBy(() -> MvStoreMappingStore.open(file()))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("export 'b' has index 2");
  }

  @Test
  void exhaustedIndexesFailInsteadOfWrapping() throws Exception {
    store.close();
    withRawStore(
        file(),
        (records, meta) -> meta.put(MvStoreMappingStore.META_NEXT_INDEX, (long) Integer.MAX_VALUE));
    reopenStore();

    assertThat(store.create(draft("last")).exportIndex()).isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> store.create(draft("one-too-many")))
        .isInstanceOf(MappingStoreException.class)
        .hasMessageContaining("exhausted");
    assertThat(store.get("one-too-many")).isEmpty();
  }

  // ---- durability ----

  @Test
  @Timeout(120)
  void everyAcknowledgedCreateSurvivesKillDashNine() throws Exception {
    Path killed = dir.resolve("killed.mv");
    Map<String, Integer> acknowledged = new LinkedHashMap<>();
    Child child = Child.start(dir, "fill", killed);
    try {
      while (acknowledged.size() < 200) {
        String line = child.nextLine();
        assertThat(line).as("child ended early; stderr: %s", child.stderr()).isNotNull();
        parseAck(line, acknowledged);
      }
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(child.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      // Lines the child wrote before it died are acknowledgements too.
      for (String line = child.nextLine(); line != null; line = child.nextLine()) {
        parseAck(line, acknowledged);
      }
    } finally {
      child.process.destroyForcibly();
    }

    try (MvStoreMappingStore reopened = MvStoreMappingStore.open(killed)) {
      for (Map.Entry<String, Integer> ack : acknowledged.entrySet()) {
        assertThat(reopened.get(ack.getKey()))
            .as("acknowledged create of %s", ack.getKey())
            .hasValueSatisfying(m -> assertThat(m.exportIndex()).isEqualTo(ack.getValue()));
      }
      int highest = acknowledged.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      assertThat(reopened.create(draft("after-the-crash")).exportIndex()).isGreaterThan(highest);
      assertThat(reopened.list().size()).isGreaterThanOrEqualTo(acknowledged.size() + 1);
    }
  }

  @Test
  void aStoreStateRoundTripsAllFieldsExactly() throws Exception {
    ExportMapping m =
        store.create(ExportMapping.draft("x", "b", "/p", List.of("a", "b", "a", "ünï"), true));
    m = store.compareAndSet(1, m.withState(ExportState.REMOVING));
    reopenStore();
    assertThat(store.get("x")).contains(m);
  }

  // ---- helpers ----

  private static void parseAck(String line, Map<String, Integer> acknowledged) {
    Matcher matcher = ACK.matcher(line);
    if (matcher.matches()) {
      acknowledged.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }
  }

  private interface RawChange {
    void apply(MVMap<String, byte[]> records, MVMap<String, Long> meta);
  }

  /** Changes a closed state file behind the store's back, as a bug or a bad disk would. */
  private static void withRawStore(Path file, RawChange change) {
    MVStore mv = new MVStore.Builder().fileName(file.toString()).open();
    try {
      MVMap<String, byte[]> records =
          mv.openMap(
              MvStoreMappingStore.MAPPINGS_MAP,
              new MVMap.Builder<String, byte[]>()
                  .keyType(StringDataType.INSTANCE)
                  .valueType(ByteArrayDataType.INSTANCE));
      MVMap<String, Long> meta =
          mv.openMap(
              MvStoreMappingStore.META_MAP,
              new MVMap.Builder<String, Long>()
                  .keyType(StringDataType.INSTANCE)
                  .valueType(LongDataType.INSTANCE));
      change.apply(records, meta);
      mv.commit();
    } finally {
      mv.close();
    }
  }

  /** Runs {@link MvStoreChild} to its end and returns its stdout lines. */
  private List<String> runChildToEnd(String mode, Path file) throws Exception {
    Child child = Child.start(dir, mode, file);
    try {
      List<String> lines = new ArrayList<>();
      for (String line = child.nextLine(); line != null; line = child.nextLine()) {
        lines.add(line);
      }
      assertThat(child.process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(child.process.exitValue()).as("exit code; stderr: %s", child.stderr()).isZero();
      return lines;
    } finally {
      child.process.destroyForcibly();
    }
  }

  /** A running {@link MvStoreChild} whose stdout lines are read by a thread into a queue. */
  private static final class Child {
    private static final String EOF = new String("<eof>".toCharArray());

    final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean ended;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
    }

    static Child start(Path dir, String mode, Path file) throws IOException {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Path stderr = Files.createTempFile(dir, "child-", ".stderr");
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  MvStoreChild.class.getName(),
                  mode,
                  file.toString())
              .redirectError(stderr.toFile())
              .start();
      Child child = new Child(process, stderr);
      Thread reader = new Thread(child::readLines, "child-stdout-" + process.pid());
      reader.setDaemon(true);
      reader.start();
      return child;
    }

    private void readLines() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("read error: " + e);
      } finally {
        lines.add(EOF);
      }
    }

    /** The next stdout line, or null at the end; fails if none comes within {@link #WAIT}. */
    String nextLine() throws InterruptedException {
      if (ended) {
        return null;
      }
      String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(line)
          .as("a line from the child within %s; stderr: %s", WAIT, stderr())
          .isNotNull();
      if (line == EOF) {
        ended = true;
        return null;
      }
      return line;
    }

    String stderr() {
      try {
        return Files.readString(stderr);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
