package org.ferryfs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.ferryfs.mapping.ExportMapping;

/** Small shared checks of the endpoints. */
final class Endpoints {
  private Endpoints() {}

  static void requireMethod(String method, String... allowed) throws AdminException {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new AdminException(
        HttpStatus.METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        method + " is not allowed here (allowed: " + String.join(", ", allowed) + ")");
  }

  static void requireNoRest(String rest) throws AdminException {
    if (!rest.isEmpty()) {
      throw new AdminException(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such API path");
    }
  }

  static <T> T read(byte[] body, Class<T> type) throws AdminException {
    try {
      T value = AdminJson.MAPPER.readValue(body, type);
      if (value == null) {
        throw new AdminException(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "empty request body");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new AdminException(
          HttpStatus.BAD_REQUEST,
          "BAD_REQUEST",
          "request is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AdminException(HttpStatus.BAD_REQUEST, "BAD_REQUEST", e.getMessage());
    }
  }

  static AdminJson.Export toJson(ExportMapping m, java.util.List<AdminJson.Load> load) {
    return new AdminJson.Export(
        m.name(),
        m.exportIndex(),
        m.backend(),
        m.path(),
        m.clients(),
        m.readOnly(),
        m.state().name(),
        m.version(),
        load);
  }
}
