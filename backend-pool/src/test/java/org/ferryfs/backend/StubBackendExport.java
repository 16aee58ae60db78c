package org.ferryfs.backend;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend export that records every call it receives and answers with fixed values. */
final class StubBackendExport implements BackendExport {

  static final FileAttributes ATTRIBUTES =
      new FileAttributes(
          FileType.REGULAR,
          0644,
          1,
          0,
          0,
          0,
          0,
          0,
          0,
          42,
          Instant.EPOCH,
          Instant.EPOCH,
          Instant.EPOCH,
          null);

  static final BackendCapabilities CAPABILITIES =
      new BackendCapabilities(true, true, true, true, true, true, 255, Long.MAX_VALUE);

  /** Every call, as "op path". */
  final List<String> calls = new CopyOnWriteArrayList<>();

  private void record(String op, String path) {
    calls.add(op + " " + path);
  }

  @Override
  public String describe() {
    return "stub:///export";
  }

  @Override
  public BackendCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public FileAttributes getattr(String path) {
    record("getattr", path);
    return ATTRIBUTES;
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) {
    record("setattr", path);
    return ATTRIBUTES;
  }

  @Override
  public List<DirEntry> list(String dir) {
    record("list", dir);
    return List.of(new DirEntry("x", ATTRIBUTES));
  }

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive) {
    record("create", path);
    return ATTRIBUTES;
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) {
    record("mkdir", path);
    return ATTRIBUTES;
  }

  @Override
  public FileAttributes symlink(String path, String target, SetAttributes initial) {
    record("symlink", path);
    return ATTRIBUTES;
  }

  @Override
  public String readlink(String path) {
    record("readlink", path);
    return "target";
  }

  @Override
  public FileAttributes mknod(
      String path, FileType type, int major, int minor, SetAttributes initial) {
    record("mknod", path);
    return ATTRIBUTES;
  }

  @Override
  public void remove(String path) {
    record("remove", path);
  }

  @Override
  public void rmdir(String path) {
    record("rmdir", path);
  }

  @Override
  public void rename(String from, String to) {
    record("rename", from + "->" + to);
  }

  @Override
  public FileAttributes link(String existing, String newPath) {
    record("link", existing + "->" + newPath);
    return ATTRIBUTES;
  }

  @Override
  public BackendHandle open(String path, OpenMode mode) {
    record("open", path);
    return new BackendHandle() {
      @Override
      public int read(long offset, ByteBuffer dst) {
        record("read", path);
        int n = dst.remaining();
        dst.position(dst.limit());
        return n;
      }

      @Override
      public int write(long offset, ByteBuffer src) {
        record("write", path);
        int n = src.remaining();
        src.position(src.limit());
        return n;
      }

      @Override
      public void sync() {
        record("sync", path);
      }

      @Override
      public void lock(long offset, long length, boolean exclusive) {
        record("lock", path);
      }

      @Override
      public void unlock(long offset, long length) {
        record("unlock", path);
      }

      @Override
      public FileAttributes getattr() {
        record("handle-getattr", path);
        return ATTRIBUTES;
      }

      @Override
      public void close() {
        record("handle-close", path);
      }
    };
  }

  @Override
  public FsStats fsstat() {
    record("fsstat", "");
    return new FsStats(100, 50, 40, 0, 0, 0);
  }

  @Override
  public void close() {
    record("close", "");
  }
}
