package org.ferryfs.admin;

import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/v1/status}: what is running, where, since when. */
final class StatusEndpoint implements AdminServer.Endpoint {
  private final AdminRuntime runtime;

  StatusEndpoint(AdminRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public AdminServer.Response handle(String method, String rest, byte[] body)
      throws AdminException {
    Endpoints.requireMethod(method, "GET");
    Endpoints.requireNoRest(rest);
    Instant started = runtime.started();
    return new AdminServer.Response(
        HttpStatus.OK,
        new AdminJson.Status(
            Version.current(),
            started.toString(),
            Duration.between(started, Instant.now()).toSeconds(),
            runtime.stateDir(),
            runtime.nfsEndpoint(),
            runtime.adminEndpoint(),
            runtime.mappings().size(),
            runtime.backends().entries().size(),
            runtime.knownObjects()));
  }
}
