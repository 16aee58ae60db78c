package org.ferryfs.admin;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.mapping.ExportMapping;

/** {@code GET /api/v1/backends}: each backend with its health and the exports it holds. */
final class BackendsEndpoint implements AdminServer.Endpoint {
  private final AdminRuntime runtime;

  BackendsEndpoint(AdminRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public AdminServer.Response handle(String method, String rest, byte[] body)
      throws AdminException {
    Endpoints.requireMethod(method, "GET");
    Endpoints.requireNoRest(rest);
    List<ExportMapping> mappings = runtime.mappings();
    List<AdminJson.Backend> out = new ArrayList<>();
    for (BackendPool.Entry e : runtime.backends().entries()) {
      String name = e.config().name();
      List<String> exports =
          mappings.stream().filter(m -> m.backend().equals(name)).map(ExportMapping::name).toList();
      out.add(
          new AdminJson.Backend(
              name,
              e.config().url().toString(),
              e.health().name(),
              e.tracker().since().toString(),
              e.tracker().lastError(),
              exports,
              runtime.backendLoad(name)));
    }
    return new AdminServer.Response(HttpStatus.OK, out);
  }
}
