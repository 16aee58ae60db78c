package org.ferryfs.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ferryfs.backend.load.LoadWindow;

/**
 * What is known of one export's load: its backend operations (a {@link LoadWindow} the pool's
 * metering decorator fills) and the clients that used it recently.
 */
public final class ExportLoad {
  private final Clock clock;
  private final LoadWindow window;
  private final Map<InetAddress, Long> lastSeen = new ConcurrentHashMap<>();

  public ExportLoad(Clock clock) {
    this.clock = clock;
    this.window = new LoadWindow(clock);
  }

  public LoadWindow window() {
    return window;
  }

  /** Notes a request from a client (cheap: at most one map write per client per second). */
  public void noteClient(InetAddress client) {
    long now = clock.millis();
    Long seen = lastSeen.get(client);
    if (seen == null || now - seen >= 1000) {
      lastSeen.put(client, now);
    }
  }

  /** Clients that sent a request within {@code window}; older ones are forgotten. */
  public int clients(Duration window) {
    long cutoff = clock.millis() - window.toMillis();
    lastSeen.values().removeIf(t -> t < cutoff);
    return lastSeen.size();
  }
}
