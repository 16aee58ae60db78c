package org.ferryfs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ferryfs.admin.AdminJson;
import org.ferryfs.admin.HttpStatus;

/** Talks to a running Ferry's admin API; every failure becomes a {@link CliException}. */
public final class AdminClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final HttpClient http;

  public AdminClient(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public JsonNode get(String path) throws CliException {
    return send(request(path).GET());
  }

  public JsonNode post(String path, Object body) throws CliException {
    byte[] json;
    try {
      json = AdminJson.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new CliException(ExitCode.FAILURE, "cannot encode request: " + e.getMessage(), e);
    }
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
  }

  public JsonNode delete(String path) throws CliException {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder builder) throws CliException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CliException(
          ExitCode.UNREACHABLE,
          "cannot reach Ferry's admin API at " + base + " (is 'ferry serve' running?)");
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCode.UNAVAILABLE, "Ferry's admin API at " + base + " did not answer in time");
    } catch (IOException e) {
      throw new CliException(
          ExitCode.UNREACHABLE, "cannot talk to Ferry's admin API at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.FAILURE, "interrupted");
    }
    JsonNode body;
    try {
      body = AdminJson.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new CliException(
          ExitCode.SERVER_ERROR,
          "the admin API answered something that is not JSON (HTTP " + response.statusCode() + ")");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return body;
    }
    String message =
        body != null && body.hasNonNull("error")
            ? body.get("error").asText()
            : new String(response.body(), StandardCharsets.UTF_8);
    throw new CliException(exitCodeFor(status), message);
  }

  static ExitCode exitCodeFor(int httpStatus) {
    return switch (httpStatus) {
      case HttpStatus.UNAUTHORIZED -> ExitCode.UNAUTHORIZED;
      case HttpStatus.FORBIDDEN -> ExitCode.REFUSED;
      case HttpStatus.NOT_FOUND -> ExitCode.NOT_FOUND;
      case HttpStatus.CONFLICT -> ExitCode.CONFLICT;
      case HttpStatus.BAD_REQUEST, HttpStatus.METHOD_NOT_ALLOWED -> ExitCode.REFUSED;
      case HttpStatus.UNAVAILABLE -> ExitCode.UNAVAILABLE;
      default -> ExitCode.SERVER_ERROR;
    };
  }

  public URI base() {
    return base;
  }
}
