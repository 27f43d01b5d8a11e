package org.duallist.query.query;

import java.time.LocalDate;
import java.util.UUID;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.WarningLight;

/**
 * One line of the ledger (工作台账), as offices keep it, in Chinese where people read it.
 *
 * @param percent  办理进度 in percent; null on a past day (the timeline does not keep it)
 * @param light    预警; on a past day red when overdue that day, otherwise null
 * @param remarks  备注: extensions, reopenings, audits, how long overdue
 */
public record LedgerRow(UUID id, TaskList list, String regionCode, String title, String content, TaskCategory category,
                        String requesterUnit, String responsibleUnit, String coUnits, LocalDate deadline, Integer percent,
                        String status, WarningLight light, SupervisionGrade grade, String remarks) {
}
