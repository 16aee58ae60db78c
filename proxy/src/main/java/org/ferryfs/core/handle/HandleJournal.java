package org.ferryfs.core.handle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle map's write-ahead journal: one small record per change, appended with one {@code
 * write} when a reference is about to leave the server, so a reference a client holds survives a
 * {@code kill -9} without paying for a B-tree commit per change. The handle map folds the journal
 * into its MVStore file at checkpoints and then empties it.
 *
 * <p>Record layout (big-endian): {@code int length} (of what follows, before the CRC), {@code long
 * seq}, {@code byte type}, payload, {@code int crc32c} over seq, type and payload. Strings are
 * {@code int length} + UTF-8. A torn or damaged record ends the journal: everything before it is
 * replayed, nothing after (it was never acknowledged, since acknowledgement waits for the write).
 *
 * <p>Not thread-safe by itself: the handle map appends under its monitor and flushes under {@link
 * #flushLock}.
 */
final class HandleJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HandleJournal.class);
  private static final int MAX_RECORD = 64 * 1024;

  /** Serialises writes to the file; taken before the handle map's monitor, never after. */
  final Object flushLock = new Object();

  private final Path file;
  private final FileChannel channel;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);
  private long size;

  /** One decoded record. */
  record Entry(long seq, byte type, ByteBuffer payload) {}

  private HandleJournal(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  static HandleJournal open(Path file) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new HandleJournal(file, ch, ch.size());
  }

  /** Every intact record, in order; a damaged tail is cut off the file. */
  List<Entry> readAll() throws IOException {
    List<Entry> out = new ArrayList<>();
    long fileSize = channel.size();
    ByteBuffer all = ByteBuffer.allocate((int) Math.min(fileSize, Integer.MAX_VALUE - 16));
    channel.read(all, 0);
    all.flip();
    long good = 0;
    while (all.remaining() >= 4) {
      int start = all.position();
      int len = all.getInt();
      if (len < 9 || len > MAX_RECORD || all.remaining() < len + 4) {
        break;
      }
      ByteBuffer body = all.slice(all.position(), len);
      all.position(all.position() + len);
      int crc = all.getInt();
      CRC32C c = new CRC32C();
      c.update(body.duplicate());
      if ((int) c.getValue() != crc) {
        break;
      }
      long seq = body.getLong();
      byte type = body.get();
      out.add(new Entry(seq, type, body.slice()));
      good = all.position();
      if (start == all.position()) {
        break;
      }
    }
    if (good < fileSize) {
      LOG.warn(
          "handle journal {}: ignoring {} damaged trailing bytes (an unacknowledged write)",
          file,
          fileSize - good);
      channel.truncate(good);
    }
    size = good;
    return out;
  }

  /** A record under construction. */
  static final class Writer {
    private final ByteBuffer buf = ByteBuffer.allocate(MAX_RECORD);

    Writer(long seq, byte type) {
      buf.putInt(0).putLong(seq).put(type);
    }

    Writer putLong(long v) {
      buf.putLong(v);
      return this;
    }

    Writer putInt(int v) {
      buf.putInt(v);
      return this;
    }

    Writer putByte(byte v) {
      buf.put(v);
      return this;
    }

    Writer putString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      buf.putInt(b.length).put(b);
      return this;
    }

    byte[] finish() {
      int len = buf.position() - 4;
      buf.putInt(0, len);
      CRC32C c = new CRC32C();
      c.update(buf.array(), 4, len);
      buf.putInt((int) c.getValue());
      byte[] out = new byte[buf.position()];
      System.arraycopy(buf.array(), 0, out, 0, out.length);
      return out;
    }
  }

  static String getString(ByteBuffer b) {
    byte[] s = new byte[b.getInt()];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  /** Buffers a finished record (caller holds the handle map's monitor). */
  void append(byte[] record) {
    pending.write(record, 0, record.length);
  }

  /** Takes what is buffered (caller holds the handle map's monitor). */
  byte[] takePending() {
    if (pending.size() == 0) {
      return null;
    }
    byte[] b = pending.toByteArray();
    pending.reset();
    return b;
  }

  /** Appends bytes to the file (caller holds {@link #flushLock}). */
  void write(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      size += channel.write(b, size);
    }
  }

  /** Empties the journal after a checkpoint (caller holds both locks). */
  void reset() throws IOException {
    pending.reset();
    channel.truncate(0);
    size = 0;
  }

  long size() {
    return size;
  }

  boolean hasPending() {
    return pending.size() > 0;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
