package org.duallist.query.query;

import java.time.LocalDate;
import java.util.List;

/** The overdue list as of a date, most overdue first. */
public record OverduePage(LocalDate asOf, List<OverdueTask> items, int page, int size, long total, int totalPages) {
}
