package org.duallist.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.spreadsheet.ListImportLayout;

/**
 * A year's list (拥军优属清单) in the import template's layout, as an office fills it in, generated
 * from a seed: each row a request of a military unit for one of {@link #RESPONSIBLE_UNITS}, in the
 * city or one of its districts ({@link #REGIONS}), with a deadline 1 to {@link #DEADLINE_DAYS} days
 * after {@code today}. Written as it goes (POI's streaming workbook), so a 20,000-row list needs
 * little memory.
 */
public final class ListWorkbook {

    public static final List<String> RESPONSIBLE_UNITS = List.of("呼和浩特市教育局", "呼和浩特市人力资源和社会保障局",
            "呼和浩特市卫生健康委员会", "呼和浩特市住房和城乡建设局", "呼和浩特市交通运输局", "呼和浩特市退役军人事务局",
            "呼和浩特市民政局", "呼和浩特市自然资源局");
    public static final List<String> REGIONS = List.of("150100", "150102", "150103", "150104", "150105");
    static final List<String> REQUESTERS = List.of("呼和浩特警备区政治工作处", "驻呼某部队政治工作处", "武警呼和浩特支队政治工作处",
            "呼和浩特市消防救援支队");
    public static final List<TaskCategory> CATEGORIES = ListImportLayout.categoriesOf(TaskList.SUPPORT_THE_MILITARY);
    /** Deadlines fall on the next this many days: moving the query service's clock half that far makes about half overdue. */
    public static final int DEADLINE_DAYS = 60;

    private ListWorkbook() {
    }

    /** The workbook of {@code rows} items numbered {@code <batch>-<row>}, in xlsx bytes. */
    public static byte[] write(String batch, int rows, LocalDate today, long seed) throws IOException {
        Random random = new Random(seed);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(ListImportLayout.sheetName(TaskList.SUPPORT_THE_MILITARY));
            sheet.createRow(0).createCell(0).setCellValue(today.getYear() + "年度拥军优属实事清单（基准测试）");
            Row header = sheet.createRow(ListImportLayout.HEADER_ROW);
            for (int c = 0; c < ListImportLayout.COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(ListImportLayout.COLUMNS.get(c));
            }
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(ListImportLayout.HEADER_ROW + 1 + i);
                TaskCategory category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                String[] cells = {
                    batch + "-" + (i + 1),
                    category.chineseName() + "事项 " + batch + "-" + (i + 1),
                    "驻地部队提出：" + category.chineseName() + "方面的实际困难，请责任单位协调解决并按期反馈。批次 " + batch + " 第 " + (i + 1) + " 项。",
                    REQUESTERS.get(random.nextInt(REQUESTERS.size())),
                    RESPONSIBLE_UNITS.get(random.nextInt(RESPONSIBLE_UNITS.size())),
                    "",
                    today.plusDays(1 + random.nextInt(DEADLINE_DAYS)).toString(),
                    category.chineseName(),
                    REGIONS.get(random.nextInt(REGIONS.size())),
                    "王建国",
                    "0471-690" + (1000 + random.nextInt(9000)),
                    "按期完成并书面反馈"
                };
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        }
    }
}
