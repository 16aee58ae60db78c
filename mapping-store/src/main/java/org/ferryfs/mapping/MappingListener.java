package org.ferryfs.mapping;

/** Receives {@link MappingEvent}s. Must not block; must not call back into the store's writers. */
@FunctionalInterface
public interface MappingListener {
  void onEvent(MappingEvent event);
}
