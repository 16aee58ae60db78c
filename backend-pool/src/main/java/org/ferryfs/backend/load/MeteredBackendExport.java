package org.ferryfs.backend.load;

import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendOp;
import org.ferryfs.backend.InterceptingBackendExport;

/**
 * Counts every operation of an export (and of the handles it opens) into load windows — the
 * export's own and its backend's — with its kind, latency, bytes moved and outcome.
 */
public final class MeteredBackendExport extends InterceptingBackendExport {
  private final List<LoadWindow> windows;

  public MeteredBackendExport(BackendExport target, List<LoadWindow> windows) {
    super(target);
    this.windows = List.copyOf(windows);
  }

  @Override
  protected <T> T intercept(BackendOp op, String path, Call<T> call) throws BackendException {
    long start = System.nanoTime();
    boolean failed = true;
    long bytes = 0;
    try {
      T result = call.call();
      failed = false;
      if ((op == BackendOp.READ || op == BackendOp.WRITE) && result instanceof Integer n) {
        bytes = Math.max(0, n);
      }
      return result;
    } finally {
      long nanos = System.nanoTime() - start;
      for (LoadWindow w : windows) {
        w.record(op.kind(), nanos, bytes, failed);
      }
    }
  }
}
