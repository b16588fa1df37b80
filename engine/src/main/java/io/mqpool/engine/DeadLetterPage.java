package io.mqpool.engine;

import java.util.List;

/** The oldest dead letters, up to a limit; {@code more} when others follow them. */
public record DeadLetterPage(List<DeadLetterInfo> letters, boolean more) {
}
