package org.ferryfs.smb.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.ferryfs.frontend.FileService;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.wire.FileInfo;

/** What every connection of one server shares: the facade, the configuration, id allocators. */
public final class ServerContext {
  final FileService files;
  final SmbServerConfig config;
  final Clock clock;
  final SecureRandom random = new SecureRandom();
  final byte[] serverGuid = new byte[16];
  final long startTime;
  private final AtomicLong sessionIds = new AtomicLong();
  private final AtomicLong persistentIds = new AtomicLong();
  final DispatchTable table;

  public ServerContext(FileService files, SmbServerConfig config, Clock clock) {
    this.files = files;
    this.config = config;
    this.clock = clock;
    random.nextBytes(serverGuid);
    startTime = FileInfo.filetime(clock.instant());
    // Session ids start at a random point so ids of an earlier run are not reused at once.
    sessionIds.set((random.nextLong() & 0x0000_7fff_ffff_0000L) + 1);
    table = new DispatchTable(this);
  }

  long newSessionId() {
    return sessionIds.getAndIncrement();
  }

  long newPersistentId() {
    return persistentIds.incrementAndGet();
  }

  long now() {
    return FileInfo.filetime(clock.instant());
  }
}
