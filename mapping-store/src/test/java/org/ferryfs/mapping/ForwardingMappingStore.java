package org.ferryfs.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A {@link MappingStore} that forwards every call to another; tests override single methods to
 * count calls, inject failures or lose events (DESIGN.md §5.6).
 */
public class ForwardingMappingStore implements MappingStore {
  protected final MappingStore delegate;

  public ForwardingMappingStore(MappingStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<ExportMapping> get(String name) {
    return delegate.get(name);
  }

  @Override
  public List<ExportMapping> list() {
    return delegate.list();
  }

  @Override
  public ExportMapping create(ExportMapping draft) throws MappingConflictException {
    return delegate.create(draft);
  }

  @Override
  public ExportMapping compareAndSet(long expectedVersion, ExportMapping updated)
      throws MappingConflictException {
    return delegate.compareAndSet(expectedVersion, updated);
  }

  @Override
  public void delete(String name, long expectedVersion) throws MappingConflictException {
    delegate.delete(name, expectedVersion);
  }

  @Override
  public AutoCloseable watch(MappingListener listener) {
    return delegate.watch(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
