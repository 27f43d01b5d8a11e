package org.duallist.spreadsheet;

/**
 * Something wrong with a cell, a row or the file, located as offices would look for it.
 *
 * @param sheet  the sheet's name, or null for the whole file
 * @param row    the row's number as the spreadsheet shows it, or 0 for the whole sheet
 * @param column the column's name, or null for the whole row
 */
public record ListImportProblem(String sheet, int row, String column, String message) {

    /** 拥军优属清单 第5行 完成时限, as short as what is known. */
    public String where() {
        StringBuilder where = new StringBuilder(sheet == null ? "文件" : sheet);
        if (row > 0) {
            where.append(" 第").append(row).append("行");
        }
        if (column != null) {
            where.append(" ").append(column);
        }
        return where.toString();
    }
}
