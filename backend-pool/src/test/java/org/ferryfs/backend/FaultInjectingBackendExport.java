package org.ferryfs.backend;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Makes named operations fail with a chosen {@link BackendStatus} (DESIGN.md §5.6, §5.11; Samba's
 * {@code vfs_error_inject}). Faults are switched on and off at run time, from any thread, while
 * calls are in flight.
 *
 * <pre>{@code
 * FaultInjectingBackendExport faults = new FaultInjectingBackendExport(real);
 * faults.inject(Fault.of(BackendOp.WRITE, BackendStatus.NO_SPACE).afterCalls(3));  // 4th write on
 * faults.inject(Fault.of(BackendOp.RENAME, BackendStatus.UNAVAILABLE).times(1));   // next rename
 * faults.inject(Fault.of(BackendOp.CREATE, BackendStatus.IO_ERROR).lostReply());    // done, then fails
 * faults.clear(BackendOp.WRITE);
 * }</pre>
 */
public final class FaultInjectingBackendExport extends InterceptingBackendExport {

  /**
   * One fault for one operation.
   *
   * @param op the operation that fails
   * @param status the status it fails with
   * @param passFirst how many matching calls pass before the first failure
   * @param failures how many matching calls fail after those; negative: all of them
   * @param paths which calls match (all when {@code null})
   * @param performFirst perform the operation on the delegate, then fail: the caller cannot tell
   *     the change happened (a lost reply); otherwise the delegate is not called
   */
  public record Fault(
      BackendOp op,
      BackendStatus status,
      long passFirst,
      long failures,
      Predicate<String> paths,
      boolean performFirst) {

    public Fault {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(status, "status");
      if (passFirst < 0) {
        throw new IllegalArgumentException("passFirst must not be negative, got " + passFirst);
      }
    }

    /** {@code op} fails with {@code status} on every call. */
    public static Fault of(BackendOp op, BackendStatus status) {
      return new Fault(op, status, 0, -1, null, false);
    }

    /** The first {@code n} matching calls pass. */
    public Fault afterCalls(long n) {
      return new Fault(op, status, n, failures, paths, performFirst);
    }

    /** Only {@code n} calls fail (after the passing ones); then calls pass again. */
    public Fault times(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("times must not be negative, got " + n);
      }
      return new Fault(op, status, passFirst, n, paths, performFirst);
    }

    /** Only calls whose path matches count and fail. */
    public Fault onPaths(Predicate<String> matching) {
      return new Fault(op, status, passFirst, failures, matching, performFirst);
    }

    /** Only calls on exactly {@code path} count and fail. */
    public Fault onPath(String path) {
      return onPaths(path::equals);
    }

    /** The operation is performed, then reported as failed. */
    public Fault lostReply() {
      return new Fault(op, status, passFirst, failures, paths, true);
    }

    boolean matches(String path) {
      return paths == null || paths.test(path);
    }

    boolean failsCall(long matchingCallIndex) {
      return matchingCallIndex >= passFirst
          && (failures < 0 || matchingCallIndex < passFirst + failures);
    }
  }

  /** An installed fault with its own count of matching calls. */
  private record Armed(Fault fault, AtomicLong matching) {}

  private final Map<BackendOp, Armed> faults = new ConcurrentHashMap<>();
  private final Map<BackendOp, AtomicLong> calls = new EnumMap<>(BackendOp.class);
  private final Map<BackendOp, AtomicLong> injected = new EnumMap<>(BackendOp.class);

  public FaultInjectingBackendExport(BackendExport target) {
    super(target);
    for (BackendOp op : BackendOp.values()) {
      calls.put(op, new AtomicLong());
      injected.put(op, new AtomicLong());
    }
  }

  /** Installs {@code fault}, replacing any fault of its operation; its call count starts at 0. */
  public FaultInjectingBackendExport inject(Fault fault) {
    faults.put(fault.op(), new Armed(fault, new AtomicLong()));
    return this;
  }

  /** Removes the fault of {@code op}. */
  public void clear(BackendOp op) {
    faults.remove(op);
  }

  /** Removes every fault. */
  public void clearAll() {
    faults.clear();
  }

  /** Calls of {@code op} seen so far, failed or not. */
  public long calls(BackendOp op) {
    return calls.get(op).get();
  }

  /** Failures injected into {@code op} so far. */
  public long injected(BackendOp op) {
    return injected.get(op).get();
  }

  @Override
  protected <T> T intercept(BackendOp op, String path, Call<T> call) throws BackendException {
    long n = calls.get(op).incrementAndGet();
    Armed armed = faults.get(op);
    if (armed == null || !armed.fault().matches(path)) {
      return call.call();
    }
    Fault fault = armed.fault();
    if (!fault.failsCall(armed.matching().getAndIncrement())) {
      return call.call();
    }
    if (fault.performFirst()) {
      call.call();
    }
    injected.get(op).incrementAndGet();
    throw new BackendException(
        fault.status(),
        "injected fault: "
            + op
            + " '"
            + path
            + "' on "
            + describe()
            + " (call "
            + n
            + (fault.performFirst() ? ", after performing it" : "")
            + ")");
  }
}
