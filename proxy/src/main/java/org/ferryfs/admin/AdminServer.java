package org.ferryfs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ferryfs.backend.BackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/JSON admin API (version 1, under {@code /api/v1/}), bound to loopback unless the
 * configuration says otherwise. Every request needs {@code Authorization: Bearer <token>} with the
 * token from {@code <state-dir>/admin.token}.
 *
 * <p>Routes, one endpoint class each: {@code GET /api/v1/status} ({@link StatusEndpoint}), {@code
 * GET|POST /api/v1/exports} and {@code DELETE /api/v1/exports/NAME} ({@link ExportsEndpoint}),
 * {@code GET /api/v1/backends} ({@link BackendsEndpoint}). Errors are {@link AdminJson.Error}
 * documents with the HTTP status chosen by {@link HttpStatus#of}.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] token;

  /** One route's handler. */
  interface Endpoint {
    /** Handles a request whose path below the route prefix is {@code rest} ("" for none). */
    Response handle(String method, String rest, byte[] body) throws AdminException;
  }

  /** A JSON reply. */
  record Response(int status, Object body) {}

  private AdminServer(HttpServer server, ExecutorService executor, byte[] token) {
    this.server = server;
    this.executor = executor;
    this.token = token;
  }

  /** Starts the admin API on {@code listen:port} (port 0 picks a free one). */
  public static AdminServer start(String listen, int port, String token, AdminRuntime runtime)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(listen, port), 16);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    AdminServer admin = new AdminServer(http, executor, token.getBytes(StandardCharsets.US_ASCII));
    admin.route("/api/v1/status", new StatusEndpoint(runtime));
    admin.route("/api/v1/exports", new ExportsEndpoint(runtime));
    admin.route("/api/v1/backends", new BackendsEndpoint(runtime));
    admin.route(
        "/",
        (m, r, b) -> {
          throw new AdminException(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such API path");
        });
    http.start();
    LOG.info("admin API listening on {}:{}", listen, admin.port());
    return admin;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void route(String prefix, Endpoint endpoint) {
    server.createContext(prefix, exchange -> serve(exchange, prefix, endpoint));
  }

  private void serve(HttpExchange exchange, String prefix, Endpoint endpoint) throws IOException {
    Response response;
    try {
      requireToken(exchange);
      String path = exchange.getRequestURI().getPath();
      String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
      if (rest.startsWith("/")) {
        rest = rest.substring(1);
      }
      response = endpoint.handle(exchange.getRequestMethod(), rest, readBody(exchange));
    } catch (AdminException e) {
      response = new Response(e.httpStatus(), new AdminJson.Error(e.getMessage(), e.code()));
    } catch (RuntimeException e) {
      LOG.error("admin request {} failed", exchange.getRequestURI(), e);
      response =
          new Response(
              HttpStatus.SERVER_ERROR, new AdminJson.Error("internal error: " + e, "INTERNAL"));
    }
    byte[] json;
    try {
      json = AdminJson.MAPPER.writeValueAsBytes(response.body());
    } catch (JsonProcessingException e) {
      json =
          "{\"error\":\"cannot encode reply\",\"code\":\"INTERNAL\"}"
              .getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }

  private void requireToken(HttpExchange exchange) throws AdminException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] given =
        auth != null && auth.startsWith("Bearer ")
            ? auth.substring(7).trim().getBytes(StandardCharsets.US_ASCII)
            : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      throw new AdminException(
          HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "missing or wrong admin token");
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException, AdminException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new AdminException(HttpStatus.BAD_REQUEST, "TOO_LARGE", "request body too large");
      }
      return body;
    }
  }

  /** Maps a core error to an admin error. */
  static AdminException fromBackend(BackendException e) {
    return new AdminException(HttpStatus.of(e.status()), e.status().name(), e.getMessage());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
