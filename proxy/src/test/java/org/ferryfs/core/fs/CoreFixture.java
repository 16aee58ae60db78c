package org.ferryfs.core.fs;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.backend.local.LocalDriver;
import org.ferryfs.core.ExportManager;
import org.ferryfs.core.Namespace;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.frontend.Caller;
import org.ferryfs.mapping.MappingTable;
import org.ferryfs.mapping.mvstore.MvStoreMappingStore;

/** A core over two local backends in a temporary directory; {@link #restart()} keeps the state. */
final class CoreFixture implements AutoCloseable {
  static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  final Path root;
  final Path backendA;
  final Path backendB;
  final Path state;
  BackendPool pool;
  MvStoreMappingStore store;
  MappingTable table;
  HandleMap handles;
  Namespace namespace;
  ExportManager exports;
  CoreFileService files;

  CoreFixture(Path root) throws Exception {
    this.root = root;
    this.backendA = Files.createDirectories(root.resolve("a"));
    this.backendB = Files.createDirectories(root.resolve("b"));
    this.state = Files.createDirectories(root.resolve("state"));
    open();
  }

  private void open() throws Exception {
    pool = new BackendPool(List.of(new LocalDriver()));
    pool.add(new BackendConfig("a", backendA.toUri(), Map.of()));
    pool.add(new BackendConfig("b", backendB.toUri(), Map.of()));
    store = MvStoreMappingStore.open(state.resolve("mappings.db"));
    table = MappingTable.open(store);
    handles = HandleMap.open(state.resolve("handles.db"));
    namespace = new Namespace(table, pool, handles);
    exports = new ExportManager(store, pool, namespace, handles);
    files =
        new CoreFileService(
            namespace, handles, SECRET, 42L, Clock.systemUTC(), Duration.ofSeconds(5));
  }

  void restart() throws Exception {
    close();
    open();
  }

  static Caller root() throws Exception {
    return new Caller(0, 0, new int[0], InetAddress.getLoopbackAddress());
  }

  static Caller user(int uid, int gid) throws Exception {
    return new Caller(uid, gid, new int[0], InetAddress.getLoopbackAddress());
  }

  static Caller from(String address) throws Exception {
    return new Caller(0, 0, new int[0], InetAddress.getByName(address));
  }

  @Override
  public void close() throws Exception {
    files.close();
    namespace.close();
    table.close();
    handles.close();
    store.close();
    pool.close();
  }
}
