package org.ferryfs.nfs.handle;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.FileRef;

/**
 * Ferry's NFS file handle: a {@link FileRef} plus an authentication tag (DESIGN.md §3.1).
 *
 * <pre>
 * offset size field
 *      0    1 format version ({@value #VERSION})
 *      1    4 export index    (big-endian)
 *      5    8 object id       (big-endian)
 *     13    4 generation      (big-endian)
 *     17   16 HMAC-SHA256(handle secret, bytes 0..16), first 16 bytes
 *     -- {@value #LENGTH} bytes, well under NFS3_FHSIZE 64 (RFC 1813 §2.4)
 * </pre>
 *
 * <p>Handles carry nothing of a backend, so they stay valid when an export moves. The tag makes
 * handles unforgeable without the secret (FileService#handleSecret): a client cannot reach another
 * export or object by editing bytes. Anything that is not exactly such a handle with a valid tag is
 * {@link BackendStatus#BAD_HANDLE}. Whether the object still exists is the core's question (STALE).
 *
 * <p>Cost. A LOOKUP decodes one handle and encodes another, and clients send the same few handles
 * over and over (a directory's, a file's for each READ), so the codec remembers the last handles it
 * made or verified in two small direct-mapped tables: a handle byte-for-byte equal (compared in
 * constant time) to one verified before decodes without computing the HMAC again, and a reference
 * encoded before gets its handle back. Entries are immutable and replaced freely; a miss only costs
 * the HMAC. The HMAC itself runs on a per-thread {@link Mac} (cloned from an initialised prototype
 * once per thread) instead of a clone per handle.
 *
 * <p>Thread-safe.
 */
public final class HandleCodec {

  /** Format version in byte 0. */
  public static final int VERSION = 1;

  /** Bytes of the truncated HMAC-SHA256 tag (128 bits). */
  public static final int TAG_LENGTH = 16;

  private static final int BODY_LENGTH = 1 + 4 + 8 + 4;

  /** Total handle length. */
  public static final int LENGTH = BODY_LENGTH + TAG_LENGTH;

  private static final String ALGORITHM = "HmacSHA256";

  /** Entries per cache table (a power of two). */
  private static final int CACHE_SIZE = 1024;

  private final Mac prototype;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::cloneMac);
  private final Verified[] verified = new Verified[CACHE_SIZE];
  private final Verified[] encoded = new Verified[CACHE_SIZE];

  /** A handle and the reference it stands for; immutable, so the tables need no locking. */
  private record Verified(byte[] handle, FileRef ref) {}

  /**
   * @param secret the key, at least 32 bytes (FileService#handleSecret)
   */
  public HandleCodec(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "the handle secret must hold at least 32 bytes, got " + secret.length);
    }
    try {
      prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(secret, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
    }
  }

  /** The handle bytes for {@code ref}. */
  public byte[] encode(FileRef ref) {
    int slot = ref.hashCode() & (CACHE_SIZE - 1);
    Verified hit = encoded[slot];
    if (hit != null && hit.ref().equals(ref)) {
      return hit.handle().clone();
    }
    byte[] handle = new byte[LENGTH];
    ByteBuffer.wrap(handle)
        .put((byte) VERSION)
        .putInt(ref.exportIndex())
        .putLong(ref.objectId())
        .putInt(ref.generation());
    tag(handle, handle, BODY_LENGTH);
    encoded[slot] = new Verified(handle.clone(), ref);
    return handle;
  }

  /**
   * The reference in {@code handle}.
   *
   * @throws BackendException {@link BackendStatus#BAD_HANDLE} if the handle is not one this codec
   *     (with this secret) made
   */
  public FileRef decode(byte[] handle) throws BackendException {
    if (handle.length != LENGTH) {
      throw new BackendException(
          BackendStatus.BAD_HANDLE,
          "a Ferry handle has " + LENGTH + " bytes, this one " + handle.length);
    }
    if (handle[0] != VERSION) {
      throw new BackendException(
          BackendStatus.BAD_HANDLE, "unknown handle format version " + (handle[0] & 0xFF));
    }
    // The tag is pseudo-random: its first bytes pick the slot.
    int slot = ByteBuffer.wrap(handle, BODY_LENGTH, 4).getInt() & (CACHE_SIZE - 1);
    Verified hit = verified[slot];
    if (hit != null && MessageDigest.isEqual(hit.handle(), handle)) {
      return hit.ref();
    }
    byte[] expected = new byte[TAG_LENGTH];
    tag(handle, expected, 0);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(handle, BODY_LENGTH, LENGTH))) {
      throw new BackendException(BackendStatus.BAD_HANDLE, "handle authentication failed");
    }
    ByteBuffer b = ByteBuffer.wrap(handle, 1, BODY_LENGTH - 1);
    FileRef ref = new FileRef(b.getInt(), b.getLong(), b.getInt());
    verified[slot] = new Verified(handle.clone(), ref);
    return ref;
  }

  /**
   * Writes the first {@link #TAG_LENGTH} bytes of the HMAC over the handle's body into {@code out}
   * at {@code offset}.
   */
  private void tag(byte[] handle, byte[] out, int offset) {
    Mac mac = macs.get();
    mac.update(handle, 0, BODY_LENGTH);
    byte[] full = mac.doFinal(); // also resets the Mac for the next handle
    System.arraycopy(full, 0, out, offset, TAG_LENGTH);
  }

  private Mac cloneMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(ALGORITHM + " Mac of this JDK cannot be cloned", e);
    }
  }
}
