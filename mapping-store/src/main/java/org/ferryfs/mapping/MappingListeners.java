package org.ferryfs.mapping;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchers of one {@link MappingStore}: a helper for store implementations.
 *
 * <p>{@link #deliver} calls every registered listener on the caller's thread, in registration
 * order. The store calls it once per write, after the write is durable and in write order (for
 * example while it still holds its write lock), which is what {@link MappingStore#watch} promises.
 * A listener that throws is logged and skipped: the write it reports has already happened, so the
 * writer must not see the failure, and the other listeners still get the event.
 *
 * <p>Thread-safe. Registering and unregistering may happen during a delivery; a listener
 * unregistered during a delivery receives no further events, including the rest of that one.
 */
public final class MappingListeners {
  private static final Logger LOG = LoggerFactory.getLogger(MappingListeners.class);

  private final String owner;
  private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();

  /**
   * @param owner names the store in log messages, such as {@code "mapping store /var/lib/ferry/x"}
   */
  public MappingListeners(String owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /**
   * Registers {@code listener}; registering the same listener twice gives two registrations.
   *
   * @return closing it unregisters this registration; closing it again does nothing
   */
  public AutoCloseable add(MappingListener listener) {
    Registration registration = new Registration(Objects.requireNonNull(listener, "listener"));
    registrations.add(registration);
    return registration;
  }

  /** Calls every registered listener with {@code event}; never throws for a listener's failure. */
  public void deliver(MappingEvent event) {
    Objects.requireNonNull(event, "event");
    for (Registration registration : registrations) {
      if (!registration.active) {
        continue;
      }
      try {
        registration.listener.onEvent(event);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // NOPMD: a listener bug must not fail a write that is already durable
        LOG.error(
            "{}: listener {} failed on {} {}; the change itself is stored",
            owner,
            registration.listener,
            event.kind(),
            event.name(),
            e);
      }
    }
  }

  /** Unregisters every listener (the store is closing). */
  public void clear() {
    for (Registration registration : registrations) {
      registration.close();
    }
  }

  /** How many listeners are registered. */
  public int size() {
    return registrations.size();
  }

  private final class Registration implements AutoCloseable {
    private final MappingListener listener;
    private volatile boolean active = true;

    Registration(MappingListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      active = false;
      registrations.remove(this);
    }

    @Override
    public String toString() {
      return "registration of " + listener + " on " + owner;
    }
  }
}
