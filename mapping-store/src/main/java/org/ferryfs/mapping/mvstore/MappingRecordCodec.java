package org.ferryfs.mapping.mvstore;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.ExportState;

/**
 * The on-disk form of one {@link ExportMapping}: the value stored under the mapping's name in the
 * {@code ferry.mappings} map of the state file.
 *
 * <p>Record format 1, big-endian:
 *
 * <pre>
 *   u8      record format, 1
 *   string  name
 *   i32     exportIndex, &gt; 0
 *   i64     version, &gt; 0
 *   string  backend
 *   string  path
 *   u16     number of client rules, then that many strings
 *   u8      flags: bit 0 readOnly, the other bits 0
 *   string  state: the {@link ExportState} constant's name
 *
 *   string  = u16 byte length, then that many bytes of UTF-8
 * </pre>
 *
 * <p>Versioning: to add a field, add format {@code n+1} with the field appended, keep reading every
 * older format (giving the new field its default), and write only the newest. A record in a format
 * newer than this code knows is refused, never half-read. Enum constants are stored by name, not
 * ordinal, so constants can be added or reordered; a name this code does not know is refused.
 *
 * <p>Decoding is strict (no trailing bytes, no unknown flag bits, lengths checked against the bytes
 * present before anything is allocated) so that corruption is reported, not silently read.
 */
final class MappingRecordCodec {

  /** The record format this code writes. */
  static final int FORMAT = 1;

  private static final int FLAG_READ_ONLY = 1;
  private static final int MAX_STRING_BYTES = 0xFFFF;
  private static final int MAX_CLIENTS = 0xFFFF;

  private MappingRecordCodec() {}

  /** A record that cannot be decoded; the message says why, without naming the file. */
  static final class RecordFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    RecordFormatException(String message) {
      super(message);
    }

    RecordFormatException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Encodes {@code mapping} in the current format.
   *
   * @throws IllegalArgumentException if a string field is longer than 65535 bytes of UTF-8 or there
   *     are more than 65535 client rules
   */
  static byte[] encode(ExportMapping mapping) {
    byte[] name = utf8(mapping.name(), "name");
    byte[] backend = utf8(mapping.backend(), "backend");
    byte[] path = utf8(mapping.path(), "path");
    byte[] state = utf8(mapping.state().name(), "state");
    List<String> clients = mapping.clients();
    if (clients.size() > MAX_CLIENTS) {
      throw new IllegalArgumentException(
          "export '"
              + mapping.name()
              + "' has "
              + clients.size()
              + " client rules; at most "
              + MAX_CLIENTS
              + " can be stored");
    }
    List<byte[]> clientBytes = new ArrayList<>(clients.size());
    int size = 1 + 4 + 8 + 2 + 1;
    size += 2 + name.length + 2 + backend.length + 2 + path.length + 2 + state.length;
    for (String client : clients) {
      byte[] b = utf8(client, "client rule");
      clientBytes.add(b);
      size += 2 + b.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put((byte) FORMAT);
    putString(buf, name);
    buf.putInt(mapping.exportIndex());
    buf.putLong(mapping.version());
    putString(buf, backend);
    putString(buf, path);
    buf.putShort((short) clientBytes.size());
    for (byte[] b : clientBytes) {
      putString(buf, b);
    }
    buf.put((byte) (mapping.readOnly() ? FLAG_READ_ONLY : 0));
    putString(buf, state);
    return buf.array();
  }

  /**
   * Decodes a record of any format this code knows.
   *
   * @throws RecordFormatException if the bytes are not a valid record
   */
  static ExportMapping decode(byte[] bytes) throws RecordFormatException {
    if (bytes == null || bytes.length == 0) {
      throw new RecordFormatException("the record is empty");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int format = Byte.toUnsignedInt(buf.get());
    if (format != FORMAT) {
      if (format > FORMAT) {
        throw new RecordFormatException(
            "record format "
                + format
                + " is newer than this Ferry reads (up to "
                + FORMAT
                + "); it was written by a newer Ferry");
      }
      throw new RecordFormatException("record format " + format + " does not exist");
    }
    try {
      return decodeFormat1(buf);
    } catch (BufferUnderflowException e) {
      throw new RecordFormatException("the record is truncated (" + bytes.length + " bytes)", e);
    }
  }

  private static ExportMapping decodeFormat1(ByteBuffer buf) throws RecordFormatException {
    String name = getString(buf, "name");
    int exportIndex = buf.getInt();
    long version = buf.getLong();
    String backend = getString(buf, "backend");
    String path = getString(buf, "path");
    int clientCount = Short.toUnsignedInt(buf.getShort());
    // Each client rule takes at least its 2-byte length: check before allocating.
    if (clientCount * 2L > buf.remaining()) {
      throw new RecordFormatException(
          "the record is truncated: it claims "
              + clientCount
              + " client rules but only "
              + buf.remaining()
              + " bytes are left");
    }
    List<String> clients = new ArrayList<>(clientCount);
    for (int i = 0; i < clientCount; i++) {
      clients.add(getString(buf, "client rule"));
    }
    int flags = Byte.toUnsignedInt(buf.get());
    if ((flags & ~FLAG_READ_ONLY) != 0) {
      throw new RecordFormatException("unknown flag bits 0x" + Integer.toHexString(flags));
    }
    String stateName = getString(buf, "state");
    if (buf.hasRemaining()) {
      throw new RecordFormatException(buf.remaining() + " unexpected bytes after the record");
    }
    ExportState state;
    try {
      state = ExportState.valueOf(stateName);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException(
          "unknown export state '" + stateName + "' (written by a newer Ferry?)", e);
    }
    if (exportIndex <= 0) {
      throw new RecordFormatException("export index " + exportIndex + " is not positive");
    }
    if (version <= 0) {
      throw new RecordFormatException("version " + version + " is not positive");
    }
    try {
      return new ExportMapping(
          name, exportIndex, backend, path, clients, (flags & FLAG_READ_ONLY) != 0, state, version);
    } catch (IllegalArgumentException e) {
      throw new RecordFormatException(e.getMessage(), e);
    }
  }

  private static byte[] utf8(String s, String field) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_STRING_BYTES) {
      throw new IllegalArgumentException(
          field
              + " is "
              + b.length
              + " bytes of UTF-8; at most "
              + MAX_STRING_BYTES
              + " can be stored");
    }
    return b;
  }

  private static void putString(ByteBuffer buf, byte[] b) {
    buf.putShort((short) b.length);
    buf.put(b);
  }

  private static String getString(ByteBuffer buf, String field) throws RecordFormatException {
    int length = Short.toUnsignedInt(buf.getShort());
    if (length > buf.remaining()) {
      throw new RecordFormatException(
          "the record is truncated: "
              + field
              + " claims "
              + length
              + " bytes but only "
              + buf.remaining()
              + " are left");
    }
    ByteBuffer slice = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new RecordFormatException(field + " is not valid UTF-8", e);
    }
  }
}
