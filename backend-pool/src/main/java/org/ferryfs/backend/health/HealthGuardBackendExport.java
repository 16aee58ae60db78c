package org.ferryfs.backend.health;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendOp;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.InterceptingBackendExport;

/**
 * Fails every operation at once with {@link BackendStatus#UNAVAILABLE} while its backend is {@code
 * DOWN}, instead of letting each request wait for the backend's timeout; reports every outcome to
 * the backend's {@link HealthTracker}.
 */
public final class HealthGuardBackendExport extends InterceptingBackendExport {
  private final HealthTracker health;

  public HealthGuardBackendExport(BackendExport target, HealthTracker health) {
    super(target);
    this.health = health;
  }

  @Override
  protected <T> T intercept(BackendOp op, String path, Call<T> call) throws BackendException {
    if (health.isDown() && op != BackendOp.HANDLE_CLOSE) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE,
          "backend '"
              + health.backend()
              + "' is down since "
              + health.since()
              + (health.lastError() == null ? "" : " (" + health.lastError() + ")"));
    }
    try {
      T result = call.call();
      health.succeeded();
      return result;
    } catch (BackendException e) {
      health.failed(e.status(), e.getMessage());
      throw e;
    }
  }
}
