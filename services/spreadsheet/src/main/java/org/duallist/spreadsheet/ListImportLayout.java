package org.duallist.spreadsheet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * The layout of a year's list as offices fill it in to import it: one sheet per list, named as in
 * the ledger (拥军优属清单, 拥政爱民清单), a title row, a header row, then one item per row.
 */
public final class ListImportLayout {

    public static final String NUMBER = "编号";
    public static final String TITLE = "事项名称";
    public static final String CONTENT = "实事内容";
    public static final String REQUESTER = "提出单位";
    public static final String RESPONSIBLE = "责任单位";
    public static final String CO_UNITS = "配合单位";
    public static final String DEADLINE = "完成时限";
    public static final String CATEGORY = "类别";
    public static final String REGION = "行政区划代码";
    public static final String CONTACT_NAME = "联系人";
    public static final String CONTACT_PHONE = "联系电话";
    public static final String QUALITY = "工作质量";

    /** The columns, in their order: the ledger's leading columns first, then what filing and registration need. */
    public static final List<String> COLUMNS = List.of(NUMBER, TITLE, CONTENT, REQUESTER, RESPONSIBLE, CO_UNITS, DEADLINE,
            CATEGORY, REGION, CONTACT_NAME, CONTACT_PHONE, QUALITY);
    /** The row (0-based) of the column names; the items start on the next one. */
    public static final int HEADER_ROW = 1;
    /** How several co-units are written in one cell. */
    public static final String CO_UNIT_SEPARATORS = "[、，,；;\\n]";
    public static final String VALUES_SHEET = "可选值";

    private ListImportLayout() {
    }

    public static String sheetName(TaskList list) {
        return list.chineseName() + "清单";
    }

    public static Optional<TaskList> listOfSheet(String name) {
        return Arrays.stream(TaskList.values()).filter(list -> sheetName(list).equals(name.strip())).findFirst();
    }

    /** A category by its Chinese name (as offices write it) or its code. */
    public static Optional<TaskCategory> category(String text) {
        String value = text.strip();
        return Arrays.stream(TaskCategory.values())
                .filter(category -> category.chineseName().equals(value) || category.name().equalsIgnoreCase(value))
                .findFirst();
    }

    public static List<TaskCategory> categoriesOf(TaskList list) {
        return Arrays.stream(TaskCategory.values()).filter(category -> category.belongsTo(list)).toList();
    }
}
