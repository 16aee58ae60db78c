package org.ferryfs.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferryfs.backend.load.LoadSample;
import org.ferryfs.backend.load.OpKind;

/** Turns load samples into admin documents. */
public final class LoadReport {
  /** The windows the admin API reports. */
  public static final List<Duration> WINDOWS =
      List.of(Duration.ofSeconds(10), Duration.ofSeconds(60));

  private LoadReport() {}

  public static AdminJson.Load of(LoadSample s, long openFiles, int clients) {
    Map<String, Double> ops = new LinkedHashMap<>();
    for (OpKind k : OpKind.values()) {
      ops.put(k.name().toLowerCase(Locale.ROOT), round(s.opsPerSecond().getOrDefault(k, 0.0)));
    }
    return new AdminJson.Load(
        s.window().toSeconds(),
        ops,
        round(s.readBytesPerSecond()),
        round(s.writeBytesPerSecond()),
        s.latencyP50Micros(),
        s.latencyP99Micros(),
        s.errors(),
        openFiles,
        clients);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
