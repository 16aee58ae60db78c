package org.ferryfs.admin;

import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.mapping.ExportMapping;

/**
 * {@code GET /api/v1/exports} lists, {@code POST /api/v1/exports} adds ({@link
 * AdminJson.AddExport}), {@code DELETE /api/v1/exports/NAME} removes.
 */
final class ExportsEndpoint implements AdminServer.Endpoint {
  private final AdminRuntime runtime;

  ExportsEndpoint(AdminRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public AdminServer.Response handle(String method, String rest, byte[] body)
      throws AdminException {
    if (rest.isEmpty()) {
      Endpoints.requireMethod(method, "GET", "POST");
      return method.equals("GET") ? list() : add(body);
    }
    Endpoints.requireMethod(method, "DELETE");
    if (rest.contains("/")) {
      throw new AdminException(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such API path");
    }
    try {
      ExportMapping removed = runtime.exports().remove(rest);
      return new AdminServer.Response(HttpStatus.OK, Endpoints.toJson(removed, null));
    } catch (BackendException e) {
      throw AdminServer.fromBackend(e);
    }
  }

  private AdminServer.Response list() {
    List<AdminJson.Export> out =
        runtime.mappings().stream()
            .map(m -> Endpoints.toJson(m, runtime.exportLoad(m.exportIndex())))
            .toList();
    return new AdminServer.Response(HttpStatus.OK, out);
  }

  private AdminServer.Response add(byte[] body) throws AdminException {
    AdminJson.AddExport req = Endpoints.read(body, AdminJson.AddExport.class);
    if (req.name() == null || req.backend() == null) {
      throw new AdminException(
          HttpStatus.BAD_REQUEST, "BAD_REQUEST", "'name' and 'backend' are required");
    }
    try {
      ExportMapping m =
          runtime
              .exports()
              .add(
                  req.name(),
                  req.backend(),
                  req.path(),
                  req.clients() == null ? List.of() : req.clients(),
                  req.readOnly() != null && req.readOnly());
      return new AdminServer.Response(HttpStatus.CREATED, Endpoints.toJson(m, null));
    } catch (BackendException e) {
      throw AdminServer.fromBackend(e);
    }
  }
}
