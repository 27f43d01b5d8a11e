package org.duallist.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;

/**
 * Reads a year's list from a workbook in the {@link ListImportLayout}: every row of every list
 * sheet, and every problem found on the way (a missing sheet or column, a value that is not a
 * date, a category not on the sheet's list, a 编号 used twice), so that a file is judged whole.
 * What the rows mean for the registration (who may file where, deadlines) is judged elsewhere.
 */
public final class ListImportReader {

    /** The most items one file may hold: a county's or a city's list, not a bulk load. */
    public static final int MAX_ROWS = 20_000;

    /** 2027-06-30, 2027-6-30, 2027/6/30 or 2027.6.30, as dates are typed by hand. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

    /** Excel's day numbers of 2000-01-01 and 2099-12-31: a plain number between them in 完成时限 is a date. */
    private static final double EARLIEST_SERIAL = 36526;
    private static final double LATEST_SERIAL = 73050;

    private final DataFormatter formatter = new DataFormatter();

    /** What a file held: its rows and its problems (none when it can be imported as far as its form goes). */
    public record Result(List<ListImportRow> rows, List<ListImportProblem> problems) {
        public Result {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    public Result read(InputStream file) {
        List<ListImportRow> rows = new ArrayList<>();
        List<ListImportProblem> problems = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(file)) {
            boolean anyList = false;
            for (TaskList list : TaskList.values()) {
                Sheet sheet = workbook.getSheet(ListImportLayout.sheetName(list));
                if (sheet != null) {
                    anyList = true;
                    readSheet(list, sheet, rows, problems);
                }
            }
            if (!anyList) {
                problems.add(new ListImportProblem(null, 0, null, "no sheet named "
                        + Arrays.stream(TaskList.values()).map(ListImportLayout::sheetName).toList()
                        + "; download the template (GET /api/lists/import/template) and fill it in"));
            }
        } catch (IOException | RuntimeException e) {
            // POI answers a file that is no workbook (or a damaged one) with an exception of its own
            problems.add(new ListImportProblem(null, 0, null, "not a readable .xlsx workbook: " + e.getMessage()));
        }
        if (rows.size() > MAX_ROWS) {
            problems.add(new ListImportProblem(null, 0, null, "holds " + rows.size() + " items; at most " + MAX_ROWS
                    + " are imported at once"));
        }
        return new Result(rows, problems);
    }

    private void readSheet(TaskList list, Sheet sheet, List<ListImportRow> rows, List<ListImportProblem> problems) {
        String name = sheet.getSheetName();
        Row header = sheet.getRow(ListImportLayout.HEADER_ROW);
        List<String> found = new ArrayList<>();
        if (header != null) {
            header.forEach(cell -> found.add(formatter.formatCellValue(cell).strip()));
        }
        if (!found.subList(0, Math.min(found.size(), ListImportLayout.COLUMNS.size())).equals(ListImportLayout.COLUMNS)) {
            problems.add(new ListImportProblem(name, ListImportLayout.HEADER_ROW + 1, null, "the header row must read "
                    + String.join(", ", ListImportLayout.COLUMNS) + " (found " + String.join(", ", found) + ")"));
            return;
        }
        Map<String, Integer> numbers = new HashMap<>();
        for (int index = ListImportLayout.HEADER_ROW + 1; index <= sheet.getLastRowNum(); index++) {
            Row row = sheet.getRow(index);
            if (row == null || isBlank(row)) {
                continue;
            }
            Cells cells = new Cells(name, index + 1, row, problems);
            String number = cells.required(ListImportLayout.NUMBER, 30);
            if (number != null) {
                Integer first = numbers.putIfAbsent(number, index + 1);
                if (first != null) {
                    problems.add(new ListImportProblem(name, index + 1, ListImportLayout.NUMBER, "编号 " + number
                            + " is used on row " + first + " already; each item of a list needs its own"));
                }
            }
            String title = cells.required(ListImportLayout.TITLE, 100);
            String content = cells.required(ListImportLayout.CONTENT, 2000);
            String requester = cells.required(ListImportLayout.REQUESTER, 100);
            String responsible = cells.required(ListImportLayout.RESPONSIBLE, 100);
            List<String> coUnits = cells.units(ListImportLayout.CO_UNITS);
            LocalDate deadline = cells.date(ListImportLayout.DEADLINE);
            TaskCategory category = cells.category(ListImportLayout.CATEGORY, list);
            String region = cells.optional(ListImportLayout.REGION, 6);
            if (region != null && !region.matches("\\d{6}")) {
                cells.problem(ListImportLayout.REGION, "must be a 6-digit region code such as 150102");
                region = null;
            }
            String contactName = cells.required(ListImportLayout.CONTACT_NAME, 50);
            String contactPhone = cells.required(ListImportLayout.CONTACT_PHONE, 30);
            if (contactPhone != null && !contactPhone.matches("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$")) {
                cells.problem(ListImportLayout.CONTACT_PHONE,
                        "must be a mobile number (11 digits) or a landline with area code such as 0471-6901234");
            }
            String quality = cells.required(ListImportLayout.QUALITY, 1000);
            rows.add(new ListImportRow(list, index + 1, number, title, content, requester, responsible, coUnits, deadline,
                    category, region, contactName, contactPhone, quality));
        }
    }

    private boolean isBlank(Row row) {
        for (int column = 0; column < ListImportLayout.COLUMNS.size(); column++) {
            Cell cell = row.getCell(column);
            if (cell != null && !formatter.formatCellValue(cell).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The cells of one row, read by column name, each problem recorded where it is. */
    private final class Cells {
        private final String sheet;
        private final int rowNumber;
        private final Row row;
        private final List<ListImportProblem> problems;

        Cells(String sheet, int rowNumber, Row row, List<ListImportProblem> problems) {
            this.sheet = sheet;
            this.rowNumber = rowNumber;
            this.row = row;
            this.problems = problems;
        }

        void problem(String column, String message) {
            problems.add(new ListImportProblem(sheet, rowNumber, column, message));
        }

        private Cell cell(String column) {
            return row.getCell(ListImportLayout.COLUMNS.indexOf(column));
        }

        String optional(String column, int maxLength) {
            Cell cell = cell(column);
            String text = cell == null ? "" : formatter.formatCellValue(cell).strip();
            if (text.isEmpty()) {
                return null;
            }
            if (text.length() > maxLength) {
                problem(column, "is " + text.length() + " characters long; at most " + maxLength);
                return null;
            }
            return text;
        }

        String required(String column, int maxLength) {
            Cell cell = cell(column);
            if (cell == null || formatter.formatCellValue(cell).isBlank()) {
                problem(column, "is required");
                return null;
            }
            return optional(column, maxLength);
        }

        List<String> units(String column) {
            String text = optional(column, 2000);
            if (text == null) {
                return List.of();
            }
            List<String> units = Arrays.stream(text.split(ListImportLayout.CO_UNIT_SEPARATORS)).map(String::strip)
                    .filter(unit -> !unit.isEmpty()).toList();
            if (units.stream().anyMatch(unit -> unit.length() > 100)) {
                problem(column, "names a unit longer than 100 characters");
            }
            if (units.size() > 20) {
                problem(column, "names " + units.size() + " units; at most 20");
            }
            return units;
        }

        LocalDate date(String column) {
            Cell cell = cell(column);
            if (cell == null || formatter.formatCellValue(cell).isBlank()) {
                problem(column, "is required");
                return null;
            }
            if (cell.getCellType() == CellType.NUMERIC) {
                // a date typed into a cell without a date format stays Excel's day number (46355 = 2026-11-29)
                double serial = cell.getNumericCellValue();
                if (DateUtil.isCellDateFormatted(cell) || (serial >= EARLIEST_SERIAL && serial <= LATEST_SERIAL)) {
                    return DateUtil.getLocalDateTime(serial).toLocalDate();
                }
            }
            String text = formatter.formatCellValue(cell).strip().replace('/', '-').replace('.', '-');
            try {
                return LocalDate.parse(text, DATE);
            } catch (DateTimeParseException e) {
                problem(column, "must be a date such as 2027-06-30 (found " + formatter.formatCellValue(cell).strip() + ")");
                return null;
            }
        }

        TaskCategory category(String column, TaskList list) {
            String text = required(column, 40);
            if (text == null) {
                return null;
            }
            Optional<TaskCategory> category = ListImportLayout.category(text);
            if (category.isEmpty() || !category.get().belongsTo(list)) {
                problem(column, "must be one of " + ListImportLayout.categoriesOf(list).stream()
                        .map(TaskCategory::chineseName).toList() + " on the " + list.chineseName() + " list (found " + text + ")");
                return null;
            }
            return category.get();
        }
    }
}
