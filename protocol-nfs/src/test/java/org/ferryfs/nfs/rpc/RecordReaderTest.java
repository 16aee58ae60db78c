package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Record marking into pooled buffers: records come out whole however the stream is cut into reads,
 * multi-fragment records are joined, big records move into a large buffer only once enough of them
 * has arrived, limits close the connection, and every buffer goes back to its pool.
 */
class RecordReaderTest {

  private static final int SMALL = 1024;
  private static final int MAX_RECORD = 16 * 1024;

  private final BufferPool small = new BufferPool(SMALL, 4, 8);
  private final BufferPool large = new BufferPool(MAX_RECORD + 1024, 2, 4);
  private final IoBuffers buffers = new IoBuffers(small, large);
  private final List<RecordReader.Record> records = new ArrayList<>();

  @AfterEach
  void everyBufferReturned() {
    for (RecordReader.Record r : records) {
      r.lease().release();
    }
    assertThat(buffers.leased()).as("leases outstanding").isZero();
  }

  private RecordReader reader() {
    return new RecordReader(buffers, MAX_RECORD, 8);
  }

  private static byte[] payload(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** One record of {@code payload} in fragments of the given sizes. */
  private static byte[] record(byte[] payload, int... fragmentSizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    for (int i = 0; i < fragmentSizes.length; i++) {
      int size = fragmentSizes[i];
      int marker = size | (i == fragmentSizes.length - 1 ? ServerCall.LAST_FRAGMENT : 0);
      out.writeBytes(ByteBuffer.allocate(4).putInt(marker).array());
      out.write(payload, at, size);
      at += size;
    }
    assertThat(at).isEqualTo(payload.length);
    return out.toByteArray();
  }

  /** Feeds {@code stream} in reads of at most {@code chunk} bytes; returns what came out last. */
  private RecordReader.Result feed(RecordReader r, byte[] stream, int chunk) {
    RecordReader.Result last = RecordReader.NEED_MORE;
    int at = 0;
    while (at < stream.length) {
      ByteBuffer target = r.beginRead();
      if (target == null) {
        return last;
      }
      int n = Math.min(Math.min(chunk, target.remaining()), stream.length - at);
      target.put(stream, at, n);
      r.endRead(n);
      at += n;
      while (true) {
        last = r.next();
        if (last instanceof RecordReader.Record rec) {
          records.add(rec);
        } else {
          break;
        }
      }
      if (last instanceof RecordReader.Violation) {
        return last;
      }
    }
    return last;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(b.position(), out);
    return out;
  }

  @Test
  void recordsComeOutWholeWhateverTheReads() {
    byte[] a = payload(100, 1);
    byte[] b = payload(3000, 2);
    byte[] c = payload(0, 3);
    byte[] d = payload(MAX_RECORD, 4);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(record(a, 100));
    stream.writeBytes(record(b, 3000));
    stream.writeBytes(record(c, 0));
    stream.writeBytes(record(d, MAX_RECORD));
    for (int chunk : new int[] {1, 3, 7, 100, 1000, 1 << 20}) {
      RecordReader r = reader();
      assertThat(feed(r, stream.toByteArray(), chunk)).isEqualTo(RecordReader.NEED_MORE);
      assertThat(records).hasSize(4);
      assertThat(bytes(records.get(0).payload())).isEqualTo(a);
      assertThat(bytes(records.get(1).payload())).isEqualTo(b);
      assertThat(bytes(records.get(2).payload())).isEqualTo(c);
      assertThat(bytes(records.get(3).payload())).isEqualTo(d);
      assertThat(records.get(3).payload().isDirect()).isTrue();
      r.close();
      everyBufferReturned();
      records.clear();
    }
  }

  @Test
  void fragmentsAreJoined() {
    byte[] p = payload(5000, 5);
    byte[] stream = record(p, 1, 0, 999, 3000, 1000);
    for (int chunk : new int[] {1, 5, 333, 4096, 1 << 20}) {
      RecordReader r = reader();
      feed(r, stream, chunk);
      assertThat(records).hasSize(1);
      assertThat(bytes(records.get(0).payload())).as("chunk %d", chunk).isEqualTo(p);
      r.close();
      everyBufferReturned();
      records.clear();
    }
  }

  @Test
  void aBigRecordTakesALargeBufferOnlyWhenHalfASmallOneHasArrived() {
    RecordReader r = reader();
    byte[] stream = record(payload(MAX_RECORD, 6), MAX_RECORD);
    // The marker and a few bytes: a claim of 16 KiB takes no large buffer.
    feed(r, java.util.Arrays.copyOf(stream, 200), 200);
    assertThat(large.leased()).isZero();
    // A small buffer's worth: now it does.
    RecordReader r2 = reader();
    feed(r2, java.util.Arrays.copyOf(stream, SMALL + 100), SMALL);
    assertThat(large.leased()).isEqualTo(1);
    r.close();
    r2.close();
  }

  @Test
  void anIdleReaderHoldsNoBuffer() {
    RecordReader r = reader();
    feed(r, record(payload(10, 7), 10), 100);
    assertThat(records).hasSize(1);
    records.remove(0).lease().release();
    assertThat(buffers.leased()).isZero();
    r.close();
  }

  @Test
  void tooLargeRecordsAreViolations() {
    RecordReader r = reader();
    byte[] marker =
        ByteBuffer.allocate(4).putInt(ServerCall.LAST_FRAGMENT | MAX_RECORD + 1).array();
    assertThat(feed(r, marker, 4)).isInstanceOf(RecordReader.Violation.class);
    assertThat(r.beginRead()).as("a reader that saw a violation reads no more").isNull();

    RecordReader r2 = reader();
    byte[] fragments = new byte[4 * 9]; // nine empty fragments, none the last
    assertThat(feed(r2, fragments, 100)).isInstanceOf(RecordReader.Violation.class);

    RecordReader r3 = reader();
    byte[] growing = record(payload(MAX_RECORD, 8), MAX_RECORD - 10, 10);
    byte[] tooMuch = java.util.Arrays.copyOf(growing, growing.length + 4);
    ByteBuffer.wrap(tooMuch).putInt(MAX_RECORD - 10 + 4, 11); // second fragment claims 11 bytes
    assertThat(feed(r3, tooMuch, 1 << 20)).isInstanceOf(RecordReader.Violation.class);
  }

  @Test
  void closeDuringAReadKeepsTheBufferUntilTheReadEnds() {
    RecordReader r = reader();
    ByteBuffer target = r.beginRead();
    r.close();
    assertThat(small.leased()).isEqualTo(1);
    target.put((byte) 1);
    r.endRead(1);
    assertThat(small.leased()).isZero();
    assertThat(r.next()).isEqualTo(RecordReader.NEED_MORE);
  }

  @Test
  void readsMustAlternate() {
    RecordReader r = reader();
    r.beginRead();
    assertThatThrownBy(r::beginRead).isInstanceOf(IllegalStateException.class);
    r.endRead(0);
    assertThatThrownBy(() -> r.endRead(0)).isInstanceOf(IllegalStateException.class);
    r.close();
  }
}
