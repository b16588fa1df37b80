package io.mqpool.engine.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The lease of the active server, as last written.
 *
 * @param holder the active server, or empty when none is
 * @param term grows by one at each take-over
 * @param renewals how often the holder renewed it in this term
 * @param renewedAt when it last did, by the holder's clock (shown to people, never compared)
 */
public record LeaseRow(Optional<String> holder, long term, long renewals, Optional<Instant> renewedAt) {
}
