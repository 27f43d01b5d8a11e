package org.duallist.query.query;

import java.time.LocalDate;
import org.duallist.contracts.Actor;
import org.duallist.contracts.TaskList;

/**
 * The ledger (工作台账) of one year's registered tasks as they stood on {@code asOf}: within
 * {@code region} (default the reader's), one list or both. {@code current} is true when asOf is
 * today, so that what only today's state knows (percent, light, status in detail) can be shown.
 */
public record FindLedgerQuery(Actor reader, LocalDate asOf, boolean current, int year, String region, TaskList list) {
}
