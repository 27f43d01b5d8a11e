package org.duallist.query.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.WarningLight;
import org.duallist.query.query.LedgerRow;
import org.duallist.query.query.StatisticsRow;

/**
 * The ledger (工作台账) as an Excel workbook, written as rows arrive: Apache POI's streaming
 * workbook keeps a window of rows in memory and the rest in a compressed temporary file, so a
 * 100,000-row ledger never sits in the heap whole. One sheet per list in the order offices use,
 * a frozen header, real date cells, red and yellow rows by light, and a summary sheet by unit.
 */
final class LedgerWorkbook implements AutoCloseable {

    /** The columns offices use, in their order; 类别 and 行政区划代码 follow for sorting and filtering. */
    static final List<String> COLUMNS = List.of("序号", "事项名称", "实事内容", "提出单位", "责任单位", "配合单位", "完成时限",
            "办理进度", "状态", "预警", "督办等级", "备注", "类别", "行政区划代码");
    static final List<String> SUMMARY_COLUMNS = List.of("责任单位", "事项总数", "办结数", "按时办结数", "办结率", "按时办结率",
            "逾期数", "平均逾期天数");
    static final String SUMMARY_SHEET = "汇总";
    /** Title and header rows above the data, frozen. */
    static final int HEADER_ROWS = 2;
    private static final int[] WIDTHS = {6, 28, 48, 22, 22, 26, 12, 10, 12, 8, 12, 36, 14, 12};
    /** Rows of a sheet kept in memory; the rest is flushed to the temporary file. */
    private static final int WINDOW = 200;

    private enum Fill { NONE, RED, YELLOW }

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final Map<TaskList, SXSSFSheet> sheets = new EnumMap<>(TaskList.class);
    private final Map<TaskList, Integer> counts = new EnumMap<>(TaskList.class);
    private final Map<Fill, CellStyle> text = new EnumMap<>(Fill.class);
    private final Map<Fill, CellStyle> dates = new EnumMap<>(Fill.class);
    private final Map<Fill, CellStyle> percents = new EnumMap<>(Fill.class);
    private final CellStyle header;
    private final CellStyle title;
    private final CellStyle rate;

    /**
     * @param heading what the title row of each sheet says after the list's name (region, year, day)
     * @param lists   the lists asked for: each gets its sheet, rows or not
     */
    LedgerWorkbook(String heading, List<TaskList> lists) {
        workbook.setCompressTempFiles(true);
        for (Fill fill : Fill.values()) {
            text.put(fill, style(fill, null, true));
            dates.put(fill, style(fill, "yyyy-mm-dd", false));
            percents.put(fill, style(fill, "0\"%\"", false));
        }
        header = style(Fill.NONE, null, true);
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        title = workbook.createCellStyle();
        Font large = workbook.createFont();
        large.setBold(true);
        large.setFontHeightInPoints((short) 14);
        title.setFont(large);
        rate = style(Fill.NONE, "0.0\"%\"", false);
        for (TaskList list : lists) {
            SXSSFSheet sheet = workbook.createSheet(list.chineseName() + "清单");
            titleAndHeader(sheet, list.chineseName() + "清单 " + heading, COLUMNS);
            sheets.put(list, sheet);
            counts.put(list, 0);
        }
    }

    private CellStyle style(Fill fill, String format, boolean wrap) {
        CellStyle style = workbook.createCellStyle();
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        style.setWrapText(wrap);
        if (format != null) {
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
        }
        if (fill != Fill.NONE) {
            // light red and light yellow, as offices mark late and nearly late rows by hand
            byte[] rgb = fill == Fill.RED ? new byte[] {(byte) 0xFF, (byte) 0xC7, (byte) 0xCE}
                    : new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x9C};
            ((org.apache.poi.xssf.usermodel.XSSFCellStyle) style).setFillForegroundColor(new XSSFColor(rgb, null));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
        return style;
    }

    private void titleAndHeader(Sheet sheet, String heading, List<String> columns) {
        Row titleRow = sheet.createRow(0);
        Cell cell = titleRow.createCell(0);
        cell.setCellValue(heading);
        cell.setCellStyle(title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        Row headerRow = sheet.createRow(1);
        for (int i = 0; i < columns.size(); i++) {
            Cell name = headerRow.createCell(i);
            name.setCellValue(columns.get(i));
            name.setCellStyle(header);
            sheet.setColumnWidth(i, 256 * (columns == COLUMNS ? WIDTHS[i] : (i == 0 ? 30 : 12)));
        }
        sheet.createFreezePane(0, HEADER_ROWS);
    }

    void add(LedgerRow row) {
        SXSSFSheet sheet = sheets.get(row.list());
        if (sheet == null) {
            return;
        }
        int number = counts.merge(row.list(), 1, Integer::sum);
        Fill fill = row.light() == WarningLight.RED ? Fill.RED : row.light() == WarningLight.YELLOW ? Fill.YELLOW : Fill.NONE;
        Row line = sheet.createRow(HEADER_ROWS + number - 1);
        int column = 0;
        number(line, column++, number, text.get(fill));
        text(line, column++, row.title(), fill);
        text(line, column++, row.content(), fill);
        text(line, column++, row.requesterUnit(), fill);
        text(line, column++, row.responsibleUnit(), fill);
        text(line, column++, row.coUnits(), fill);
        Cell deadline = line.createCell(column++);
        deadline.setCellValue(row.deadline());
        deadline.setCellStyle(dates.get(fill));
        if (row.percent() == null) {
            text(line, column++, "", fill);
        } else {
            number(line, column++, row.percent(), percents.get(fill));
        }
        text(line, column++, row.status(), fill);
        text(line, column++, row.light() == null ? "" : row.light().chineseName(), fill);
        text(line, column++, row.grade() == null ? "" : row.grade().chineseName(), fill);
        text(line, column++, row.remarks(), fill);
        text(line, column++, row.category().chineseName(), fill);
        text(line, column, row.regionCode(), fill);
    }

    /** The summary sheet: each responsible unit's figures, and the whole. */
    void summary(String heading, List<StatisticsRow> byUnit, StatisticsRow overall) {
        Sheet sheet = workbook.createSheet(SUMMARY_SHEET);
        titleAndHeader(sheet, heading, SUMMARY_COLUMNS);
        int index = HEADER_ROWS;
        for (StatisticsRow unit : byUnit) {
            summaryRow(sheet.createRow(index++), unit.label(), unit);
        }
        summaryRow(sheet.createRow(index), "合计", overall);
    }

    private void summaryRow(Row row, String name, StatisticsRow figures) {
        Cell label = row.createCell(0);
        label.setCellValue(name);
        label.setCellStyle(text.get(Fill.NONE));
        number(row, 1, figures.total(), text.get(Fill.NONE));
        number(row, 2, figures.completed(), text.get(Fill.NONE));
        number(row, 3, figures.completedOnTime(), text.get(Fill.NONE));
        number(row, 4, figures.completionRate(), rate);
        number(row, 5, figures.onTimeCompletionRate(), rate);
        number(row, 6, figures.overdue(), text.get(Fill.NONE));
        number(row, 7, figures.averageDaysOverdue(), text.get(Fill.NONE));
    }

    private void text(Row row, int column, String value, Fill fill) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(text.get(fill));
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    /** Deletes the temporary file. */
    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
