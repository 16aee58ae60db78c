package org.ferryfs.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/** The admin API's JSON documents (version 1) and the one mapper that reads and writes them. */
public final class AdminJson {
  private AdminJson() {}

  /** Shared mapper: ISO dates, no nulls, unknown fields refused on requests. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** An export. */
  public record Export(
      @JsonProperty("name") String name,
      @JsonProperty("index") int index,
      @JsonProperty("backend") String backend,
      @JsonProperty("path") String path,
      @JsonProperty("clients") List<String> clients,
      @JsonProperty("read-only") boolean readOnly,
      @JsonProperty("state") String state,
      @JsonProperty("version") long version,
      @JsonProperty("load") List<Load> load) {}

  /**
   * Load over one sliding window.
   *
   * @param windowSeconds the window's length
   * @param opsPerSecond operations per second by kind (read, write, metadata, namespace, listing)
   * @param readBytesPerSecond data read from the backend per second
   * @param writeBytesPerSecond data written to the backend per second
   * @param latencyP50Micros median backend latency
   * @param latencyP99Micros 99th-percentile backend latency
   * @param errors failed backend operations in the window
   * @param openFiles backend files open now
   * @param clients clients that sent requests within the window
   */
  public record Load(
      @JsonProperty("window-seconds") long windowSeconds,
      @JsonProperty("ops-per-second") java.util.Map<String, Double> opsPerSecond,
      @JsonProperty("read-bytes-per-second") double readBytesPerSecond,
      @JsonProperty("write-bytes-per-second") double writeBytesPerSecond,
      @JsonProperty("latency-p50-us") long latencyP50Micros,
      @JsonProperty("latency-p99-us") long latencyP99Micros,
      @JsonProperty("errors") long errors,
      @JsonProperty("open-files") long openFiles,
      @JsonProperty("clients") int clients) {}

  /** A request to add an export. */
  public record AddExport(
      @JsonProperty("name") String name,
      @JsonProperty("backend") String backend,
      @JsonProperty("path") String path,
      @JsonProperty("clients") List<String> clients,
      @JsonProperty("read-only") Boolean readOnly) {}

  /** A backend. */
  public record Backend(
      @JsonProperty("name") String name,
      @JsonProperty("url") String url,
      @JsonProperty("health") String health,
      @JsonProperty("health-since") String healthSince,
      @JsonProperty("last-error") String lastError,
      @JsonProperty("exports") List<String> exports,
      @JsonProperty("load") List<Load> load) {}

  /** A listening endpoint. */
  public record Endpoint(@JsonProperty("listen") String listen, @JsonProperty("port") int port) {}

  /** The server's status. */
  public record Status(
      @JsonProperty("version") String version,
      @JsonProperty("started") String started,
      @JsonProperty("uptime-seconds") long uptimeSeconds,
      @JsonProperty("state-dir") String stateDir,
      @JsonProperty("nfs") Endpoint nfs,
      @JsonProperty("admin") Endpoint admin,
      @JsonProperty("exports") int exports,
      @JsonProperty("backends") int backends,
      @JsonProperty("known-objects") long knownObjects) {}

  /** An error: a one-line message and a stable code. */
  public record Error(@JsonProperty("error") String error, @JsonProperty("code") String code) {}
}
