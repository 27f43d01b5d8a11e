package org.duallist.spreadsheet;

import java.time.LocalDate;
import java.util.List;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * One item of an imported list as read from its row; a value that could not be read is null and
 * the reader reports why.
 *
 * @param row        the row's number as the spreadsheet shows it (1 for the first row)
 * @param regionCode 行政区划代码, null when left empty (the import's region applies)
 */
public record ListImportRow(TaskList list, int row, String number, String title, String content, String requesterUnit,
                            String responsibleUnit, List<String> coUnits, LocalDate deadline, TaskCategory category,
                            String regionCode, String contactName, String contactPhone, String qualityRequirement) {

    public ListImportRow {
        coUnits = List.copyOf(coUnits);
    }

    /** Where the row is, as offices would look for it: 拥军优属清单 第5行. */
    public String where() {
        return ListImportLayout.sheetName(list) + " 第" + row + "行";
    }
}
