package org.duallist.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.junit.jupiter.api.Test;

class ListImportReaderTest {

    private static final LocalDate DEADLINE = LocalDate.of(2031, 6, 30);

    @Test
    void theTemplateReadsBackAsItsTwoSampleRows() throws IOException {
        ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(template()));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).hasSize(2);
        ListImportRow military = result.rows().get(0);
        assertThat(military.list()).isEqualTo(TaskList.SUPPORT_THE_MILITARY);
        assertThat(military.row()).isEqualTo(3);
        assertThat(military.number()).isEqualTo("JY-001");
        assertThat(military.category()).isEqualTo(TaskCategory.SPOUSE_EMPLOYMENT);
        assertThat(military.deadline()).isEqualTo(DEADLINE);
        assertThat(military.coUnits()).containsExactly("新城区人民政府", "新城区财政局");
        assertThat(military.regionCode()).isEqualTo("150102");
        assertThat(military.where()).isEqualTo("拥军优属清单 第3行");
        assertThat(result.rows().get(1).list()).isEqualTo(TaskList.SUPPORT_THE_PEOPLE);
        assertThat(result.rows().get(1).coUnits()).isEmpty();
    }

    @Test
    void theTemplateOffersTheValuesOfItsCodedColumns() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template()))) {
            assertThat(workbook.getSheet(ListImportLayout.VALUES_SHEET)).isNotNull();
            assertThat(workbook.getSheet("拥军优属清单").getDataValidations()).hasSize(2);
            List<String> offered = new java.util.ArrayList<>();
            workbook.getSheet(ListImportLayout.VALUES_SHEET).forEach(row -> offered.add(row.getCell(1).getStringCellValue()));
            assertThat(offered).contains(TaskCategory.SPOUSE_EMPLOYMENT.chineseName(), TaskCategory.DISASTER_RELIEF.chineseName());
        }
    }

    @Test
    void everyProblemOfAFileIsReportedWithItsSheetRowAndColumn() throws IOException {
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template()))) {
            Sheet sheet = workbook.getSheet("拥军优属清单");
            Row second = sheet.createRow(3);
            List<String> values = List.of("JY-001", "", "内容", "新城区人民武装部", "新城区教育局", "", "明年六月", TaskCategory.DISASTER_RELIEF.chineseName(), "1501",
                    "李", "12345", "按期办结");
            for (int i = 0; i < values.size(); i++) {
                second.createCell(i).setCellValue(values.get(i));
            }
            sheet.createRow(5).createCell(0).setCellValue(" ");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        }

        ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(filled));

        assertThat(result.problems()).extracting(ListImportProblem::where).containsExactly(
                "拥军优属清单 第4行 编号", "拥军优属清单 第4行 事项名称", "拥军优属清单 第4行 完成时限",
                "拥军优属清单 第4行 类别", "拥军优属清单 第4行 行政区划代码", "拥军优属清单 第4行 联系电话");
        assertThat(result.problems().get(0).message()).contains("row 3");
        assertThat(result.problems().get(3).message()).contains("随军家属就业安置").contains(TaskCategory.DISASTER_RELIEF.chineseName());
        assertThat(result.rows()).hasSize(3);
    }

    @Test
    void aFileThatIsNoWorkbookOrHasNoListSheetIsRefusedWhole() throws IOException {
        assertThat(new ListImportReader().read(new ByteArrayInputStream("序号,事项名称".getBytes(StandardCharsets.UTF_8)))
                .problems()).singleElement().satisfies(problem -> assertThat(problem.message()).startsWith("not a readable .xlsx"));
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("Sheet1");
            workbook.write(other);
        }
        assertThat(new ListImportReader().read(new ByteArrayInputStream(other.toByteArray())).problems())
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("拥军优属清单", "拥政爱民清单"));
    }

    @Test
    void aDeadlineIsReadFromADateCellOfAnyDateFormatFromADayNumberAndFromText() throws IOException {
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template()))) {
            Sheet sheet = workbook.getSheet("拥军优属清单");
            CellStyle chineseDate = workbook.createCellStyle();
            chineseDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
            fillRow(sheet.createRow(3), "JY-002").getCell(6).setCellValue(LocalDate.of(2031, 7, 1));
            sheet.getRow(3).getCell(6).setCellStyle(chineseDate);
            fillRow(sheet.createRow(4), "JY-003").getCell(6).setCellValue(DateUtil.getExcelDate(LocalDate.of(2031, 7, 2)));
            fillRow(sheet.createRow(5), "JY-004").getCell(6).setCellValue("2031/7/3");
            filled = bytes(workbook);
        }

        ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(filled));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).extracting(ListImportRow::deadline).containsExactly(DEADLINE,
                LocalDate.of(2031, 7, 1), LocalDate.of(2031, 7, 2), LocalDate.of(2031, 7, 3), DEADLINE);
    }

    @Test
    void anExcel97WorkbookReadsAsTheSameXlsxDoes() throws IOException {
        byte[] xls;
        try (XSSFWorkbook template = new XSSFWorkbook(new ByteArrayInputStream(template()));
             HSSFWorkbook old = new HSSFWorkbook()) {
            for (Sheet from : template) {
                Sheet to = old.createSheet(from.getSheetName());
                for (Row row : from) {
                    Row copy = to.createRow(row.getRowNum());
                    row.forEach(cell -> copy.createCell(cell.getColumnIndex()).setCellValue(
                            cell.getColumnIndex() == 6 && row.getRowNum() > ListImportLayout.HEADER_ROW
                                    ? "2031-06-30" : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(cell)));
                }
            }
            xls = bytes(old);
        }

        ListImportReader.Result fromXls = new ListImportReader().read(new ByteArrayInputStream(xls));
        ListImportReader.Result fromXlsx = new ListImportReader().read(new ByteArrayInputStream(template()));

        assertThat(fromXls.problems()).isEmpty();
        assertThat(fromXls.rows()).isEqualTo(fromXlsx.rows());
    }

    @Test
    void aFileOfMoreItemsThanAnImportTakesIsRefusedWithItsCountAndNoRows() throws IOException {
        byte[] huge;
        try (XSSFWorkbook template = new XSSFWorkbook(new ByteArrayInputStream(template()));
             SXSSFWorkbook workbook = new SXSSFWorkbook(template, 100)) {
            Sheet sheet = workbook.getSheet("拥政爱民清单");
            for (int i = 0; i < ListImportReader.MAX_ROWS; i++) {
                fillRow(sheet.createRow(3 + i), "ZM-" + i);
            }
            huge = bytes(workbook);
            workbook.dispose();
        }

        ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(huge));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).startsWith("holds " + (ListImportReader.MAX_ROWS + 2) + " items"));
    }

    @Test
    void aHeaderWithAColumnMissingIsRefusedEvenWhenTheNamesAfterItFollowInOrder() throws IOException {
        byte[] gap;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template()))) {
            Row header = workbook.getSheet("拥军优属清单").getRow(ListImportLayout.HEADER_ROW);
            // the columns move one to the right from 事项名称 on, leaving the second one without a name
            for (int column = ListImportLayout.COLUMNS.size() - 1; column >= 1; column--) {
                header.createCell(column + 1).setCellValue(ListImportLayout.COLUMNS.get(column));
            }
            header.removeCell(header.getCell(1));
            gap = bytes(workbook);
        }

        ListImportReader.Result result = new ListImportReader().read(new ByteArrayInputStream(gap));

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.where()).isEqualTo("拥军优属清单 第2行");
            assertThat(problem.message()).startsWith("the header row must read").contains("(found 编号, , 事项名称");
        });
    }

    /** A valid item in the template's columns, on the sheet's list, deadline as text. */
    private static Row fillRow(Row row, String number) {
        boolean military = row.getSheet().getSheetName().equals("拥军优属清单");
        List<String> values = List.of(number, "事项" + number, "内容", "新城区人民武装部", "新城区教育局", "",
                "2031-06-30", (military ? TaskCategory.SPOUSE_EMPLOYMENT : TaskCategory.DISASTER_RELIEF).chineseName(),
                "150102", "李明", "13800000000", "按期办结");
        for (int i = 0; i < values.size(); i++) {
            row.createCell(i).setCellValue(values.get(i));
        }
        return row;
    }

    private static byte[] bytes(org.apache.poi.ss.usermodel.Workbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    private static byte[] template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ListImportTemplate.write(out, DEADLINE);
        return out.toByteArray();
    }
}
