package io.picshare.api.domain;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.IdsUnavailableException;

/**
 * New ids for photos, users and events; refuses with 503 while this instance holds no worker-id
 * lease.
 */
public final class IdSource {
  private final IdGenerator generator;

  public IdSource(IdGenerator generator) {
    this.generator = requireNonNull(generator, "generator is null");
  }

  public long next() {
    try {
      return generator.next();
    } catch (IdsUnavailableException e) {
      throw new PicShareException(
          ErrorCode.SERVICE_UNAVAILABLE, "this server cannot issue ids right now; retry shortly");
    }
  }
}
