package io.picshare.data;

/** What the store knows of a photo id: committed and live, deleted by one event, or neither. */
public sealed interface PhotoState {
  record Live() implements PhotoState {}

  record Deleted(long deletionEventId) implements PhotoState {}

  record Absent() implements PhotoState {}
}
