package org.duallist.spreadsheet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * The empty template of a year's list ({@link ListImportLayout}): a sheet per list with a sample
 * row, a drop-down of the list's categories, date cells for the deadline, and a sheet that lists
 * the accepted values of each coded column.
 */
public final class ListImportTemplate {

    /** The template's file name, and what clients that cannot show it save it as. */
    public static final String FILE_NAME = "双拥实事清单导入模板.xlsx";
    public static final String ASCII_FILE_NAME = "dual-list-import-template.xlsx";

    private static final int[] WIDTHS = {10, 28, 48, 24, 24, 28, 12, 16, 12, 10, 16, 36};

    private ListImportTemplate() {
    }

    /** Writes the template; {@code sampleDeadline} is the sample rows' deadline (a date ahead of today). */
    public static void write(OutputStream out, LocalDate sampleDeadline) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));

            for (TaskList list : TaskList.values()) {
                Sheet sheet = workbook.createSheet(ListImportLayout.sheetName(list));
                Row title = sheet.createRow(0);
                title.createCell(0).setCellValue(list.chineseName() + "清单导入模板：每行一项，自第" + (ListImportLayout.HEADER_ROW + 2)
                        + "行起填写；编号在本清单、地区、年度内唯一；多个配合单位用顿号（、）分隔；行政区划代码留空即为导入地区；"
                        + "可选值见“" + ListImportLayout.VALUES_SHEET + "”。");
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, ListImportLayout.COLUMNS.size() - 1));
                Row names = sheet.createRow(ListImportLayout.HEADER_ROW);
                for (int i = 0; i < ListImportLayout.COLUMNS.size(); i++) {
                    Cell cell = names.createCell(i);
                    cell.setCellValue(ListImportLayout.COLUMNS.get(i));
                    cell.setCellStyle(header);
                    sheet.setColumnWidth(i, 256 * WIDTHS[i]);
                }
                sheet.createFreezePane(0, ListImportLayout.HEADER_ROW + 1);
                sample(sheet.createRow(ListImportLayout.HEADER_ROW + 1), list, sampleDeadline, date, text);

                // cells typed by hand: 类别 from the list's own categories, 完成时限 a date
                DataValidationHelper validations = sheet.getDataValidationHelper();
                CellRangeAddressList categories = new CellRangeAddressList(ListImportLayout.HEADER_ROW + 1, 2000,
                        ListImportLayout.COLUMNS.indexOf(ListImportLayout.CATEGORY),
                        ListImportLayout.COLUMNS.indexOf(ListImportLayout.CATEGORY));
                DataValidation category = validations.createValidation(validations.createExplicitListConstraint(
                        ListImportLayout.categoriesOf(list).stream().map(TaskCategory::chineseName).toArray(String[]::new)),
                        categories);
                category.setShowErrorBox(true);
                sheet.addValidationData(category);
                CellRangeAddressList deadlines = new CellRangeAddressList(ListImportLayout.HEADER_ROW + 1, 2000,
                        ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE),
                        ListImportLayout.COLUMNS.indexOf(ListImportLayout.DEADLINE));
                DataValidation deadline = validations.createValidation(validations.createDateConstraint(
                        DataValidationConstraint.OperatorType.GREATER_THAN, "DATE(2000,1,1)", null, "yyyy-mm-dd"), deadlines);
                deadline.setShowErrorBox(true);
                sheet.addValidationData(deadline);
            }
            values(workbook.createSheet(ListImportLayout.VALUES_SHEET), header);
            workbook.write(out);
        }
    }

    private static void sample(Row row, TaskList list, LocalDate deadline, CellStyle date, CellStyle text) {
        boolean military = list == TaskList.SUPPORT_THE_MILITARY;
        List<String> values = military
                ? List.of("JY-001", "驻军随军家属就业安置", "辖区驻军随军家属12人未就业，请协调提供适岗岗位并组织技能培训。", "新城区人民武装部",
                "新城区人力资源和社会保障局", "新城区人民政府、新城区财政局", "", TaskCategory.SPOUSE_EMPLOYMENT.chineseName(), "150102",
                "王建军", "0471-6901234", "有就业意愿的随军家属安置率达到100%")
                : List.of("ZM-001", "国防教育宣讲进社区", "请组织官兵宣讲团走进20个社区开展国防教育宣讲。", "新城区人民政府",
                "新城区人民武装部", "", "", TaskCategory.NATIONAL_DEFENSE_EDUCATION.chineseName(), "150102", "陈晓燕",
                "0471-4932216", "宣讲覆盖20个社区，每场听众不少于100人");
        for (int i = 0; i < values.size(); i++) {
            Cell cell = row.createCell(i);
            if (ListImportLayout.COLUMNS.get(i).equals(ListImportLayout.DEADLINE)) {
                cell.setCellValue(deadline);
                cell.setCellStyle(date);
            } else {
                cell.setCellValue(values.get(i));
                cell.setCellStyle(text);
            }
        }
    }

    private static void values(Sheet sheet, CellStyle header) {
        int index = 0;
        Row names = sheet.createRow(index++);
        String[] columns = {"列", "可选值", "说明"};
        for (int i = 0; i < columns.length; i++) {
            Cell cell = names.createCell(i);
            cell.setCellValue(columns[i]);
            cell.setCellStyle(header);
        }
        for (TaskList list : TaskList.values()) {
            for (TaskCategory category : ListImportLayout.categoriesOf(list)) {
                Row row = sheet.createRow(index++);
                row.createCell(0).setCellValue(ListImportLayout.CATEGORY + "（" + ListImportLayout.sheetName(list) + "）");
                row.createCell(1).setCellValue(category.chineseName());
                row.createCell(2).setCellValue("也可填代码 " + category.name());
            }
        }
        String[][] notes = {
            {ListImportLayout.DEADLINE, "日期，如 2027-06-30", "不早于导入当日"},
            {ListImportLayout.REGION, "6位行政区划代码，如 150102", "须在导入地区之内；留空即为导入地区"},
            {ListImportLayout.CONTACT_PHONE, "手机号（11位）或带区号的固定电话，如 0471-6901234", ""},
            {ListImportLayout.NUMBER, "本清单、地区、年度内唯一的编号，如 JY-001", "同一文件再次导入时，已导入的编号不再重复登记"},
            {ListImportLayout.CO_UNITS, "多个单位用顿号（、）分隔", "不得与责任单位相同"},
        };
        for (String[] note : notes) {
            Row row = sheet.createRow(index++);
            for (int i = 0; i < note.length; i++) {
                row.createCell(i).setCellValue(note[i]);
            }
        }
        sheet.setColumnWidth(0, 256 * 24);
        sheet.setColumnWidth(1, 256 * 44);
        sheet.setColumnWidth(2, 256 * 44);
    }
}
