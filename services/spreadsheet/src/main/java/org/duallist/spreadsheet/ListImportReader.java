package org.duallist.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

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
        List<SheetReading> sheets = new ArrayList<>();
        List<ListImportProblem> fileProblems = new ArrayList<>();
        try {
            InputStream in = FileMagic.prepareToCheckMagic(file);
            if (FileMagic.valueOf(in) == FileMagic.OOXML) {
                readStreaming(in, sheets);
            } else {
                readWorkbook(in, sheets); // an .xls of Excel 97-2003, or what is no workbook at all
            }
        } catch (IOException | RuntimeException | SAXException | ParserConfigurationException | OpenXML4JException e) {
            // POI answers a file that is no workbook (or a damaged one) with an exception of its own
            fileProblems.add(new ListImportProblem(null, 0, null, "not a readable .xlsx workbook: " + e.getMessage()));
            sheets.clear();
        }
        List<ListImportRow> rows = new ArrayList<>();
        List<ListImportProblem> problems = new ArrayList<>(fileProblems);
        int items = 0;
        for (TaskList list : TaskList.values()) {
            for (SheetReading sheet : sheets) {
                if (sheet.list == list) {
                    rows.addAll(sheet.rows);
                    problems.addAll(sheet.problems);
                    items += sheet.items;
                }
            }
        }
        if (fileProblems.isEmpty() && sheets.isEmpty()) {
            problems.add(new ListImportProblem(null, 0, null, "no sheet named "
                    + Arrays.stream(TaskList.values()).map(ListImportLayout::sheetName).toList()
                    + "; download the template (GET /api/lists/import/template) and fill it in"));
        }
        if (items > MAX_ROWS) {
            problems.add(new ListImportProblem(null, 0, null, "holds " + items + " items; at most " + MAX_ROWS
                    + " are imported at once"));
            rows.clear();
        }
        return new Result(rows, problems);
    }

    /** The list a sheet of this name holds (sheet names compare as Excel compares them, ignoring case). */
    private static Optional<TaskList> listNamed(String sheetName) {
        return Arrays.stream(TaskList.values()).filter(list -> ListImportLayout.sheetName(list).equalsIgnoreCase(sheetName))
                .findFirst();
    }

    /**
     * An .xlsx read as a stream of rows (POI's event API): the memory it takes is the shared strings and
     * the rows kept, not a tree of every cell of the workbook, which for a list of 20,000 items took
     * hundreds of megabytes of a service's heap.
     */
    private void readStreaming(InputStream in, List<SheetReading> sheets)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        try (OPCPackage workbook = OPCPackage.open(in)) {
            XSSFReader parts = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            StylesTable styles = parts.getStylesTable();
            XSSFReader.SheetIterator iterator = (XSSFReader.SheetIterator) parts.getSheetsData();
            Set<TaskList> seen = EnumSet.noneOf(TaskList.class);
            while (iterator.hasNext()) {
                try (InputStream sheetXml = iterator.next()) {
                    Optional<TaskList> list = listNamed(iterator.getSheetName());
                    if (list.isEmpty() || !seen.add(list.get())) {
                        continue;
                    }
                    SheetReading sheet = new SheetReading(list.get(), iterator.getSheetName());
                    NumberNotingFormatter formatter = new NumberNotingFormatter();
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new RowCollector(sheet, formatter),
                            formatter, false));
                    parser.parse(new InputSource(sheetXml));
                    sheets.add(sheet);
                }
            }
        }
    }

    /** A workbook read whole into memory: the .xls format has no streaming reader that keeps cell formats. */
    private void readWorkbook(InputStream in, List<SheetReading> sheets) throws IOException {
        try (Workbook workbook = WorkbookFactory.create(in)) {
            for (TaskList list : TaskList.values()) {
                Sheet sheet = workbook.getSheet(ListImportLayout.sheetName(list));
                if (sheet == null) {
                    continue;
                }
                SheetReading reading = new SheetReading(list, sheet.getSheetName());
                for (Row row : sheet) {
                    RawRow raw = new RawRow(row.getRowNum());
                    for (Cell cell : row) {
                        raw.put(cell.getColumnIndex(), formatter.formatCellValue(cell),
                                cell.getCellType() == CellType.NUMERIC ? cell.getNumericCellValue() : null,
                                cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell));
                    }
                    reading.accept(raw);
                }
                reading.finish();
                sheets.add(reading);
            }
        }
    }

    /**
     * The cells of one row as they show (formatted as Excel formats them), and for a number its value
     * and whether its format is a date's: 完成时限 may be a date cell, or a day number typed without a format.
     */
    private static final class RawRow {
        final int index;
        /** The header row's cells by column, all of them: it is checked column by column, as the rows are read. */
        final TreeMap<Integer, String> byColumn = new TreeMap<>();
        final String[] text = new String[ListImportLayout.COLUMNS.size()];
        final Double[] number = new Double[ListImportLayout.COLUMNS.size()];
        final boolean[] dateFormatted = new boolean[ListImportLayout.COLUMNS.size()];

        RawRow(int index) {
            this.index = index;
        }

        void put(int column, String shown, Double value, boolean date) {
            if (index == ListImportLayout.HEADER_ROW) {
                byColumn.put(column, shown == null ? "" : shown.strip());
            }
            if (column >= 0 && column < text.length) {
                text[column] = shown == null ? "" : shown;
                number[column] = value;
                dateFormatted[column] = date;
            }
        }

        /** The cells from the first column to the last with a value, an empty one for each cell missing between. */
        List<String> fromFirstColumn() {
            List<String> cells = new ArrayList<>();
            int last = byColumn.isEmpty() ? -1 : byColumn.lastKey();
            for (int column = 0; column <= last; column++) {
                cells.add(byColumn.getOrDefault(column, ""));
            }
            return cells;
        }

        boolean isBlank() {
            return Arrays.stream(text).allMatch(cell -> cell == null || cell.isBlank());
        }
    }

    /** What one list sheet held: its rows (at most {@link #MAX_ROWS} kept), their problems, and how many items it has. */
    private final class SheetReading {
        final TaskList list;
        final String name;
        final List<ListImportRow> rows = new ArrayList<>();
        final List<ListImportProblem> problems = new ArrayList<>();
        final Map<String, Integer> numbers = new HashMap<>();
        int items;
        boolean headerSeen;
        boolean headerWrong;

        SheetReading(TaskList list, String name) {
            this.list = list;
            this.name = name;
        }

        void accept(RawRow row) {
            if (row.index < ListImportLayout.HEADER_ROW || headerWrong) {
                return;
            }
            if (row.index == ListImportLayout.HEADER_ROW) {
                headerSeen = true;
                checkHeader(row.fromFirstColumn());
                return;
            }
            if (!headerSeen) {
                headerSeen = true;
                checkHeader(List.of());
                if (headerWrong) {
                    return;
                }
            }
            if (row.isBlank()) {
                return;
            }
            items++;
            if (items > MAX_ROWS) {
                return; // counted, not judged: a file this long is refused as a whole
            }
            rows.add(judge(this, row));
        }

        void finish() {
            if (!headerSeen) {
                checkHeader(List.of());
            }
        }

        private void checkHeader(List<String> found) {
            if (!found.subList(0, Math.min(found.size(), ListImportLayout.COLUMNS.size())).equals(ListImportLayout.COLUMNS)) {
                problems.add(new ListImportProblem(name, ListImportLayout.HEADER_ROW + 1, null, "the header row must read "
                        + String.join(", ", ListImportLayout.COLUMNS) + " (found " + String.join(", ", found) + ")"));
                headerWrong = true;
            }
        }
    }

    /** Collects the streamed cells into rows and hands each finished row to its sheet. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SheetReading sheet;
        private final NumberNotingFormatter formatter;
        private RawRow row;
        private int nextColumn;

        RowCollector(SheetReading sheet, NumberNotingFormatter formatter) {
            this.sheet = sheet;
            this.formatter = formatter;
        }

        @Override
        public void startRow(int rowNum) {
            row = new RawRow(rowNum);
            nextColumn = 0;
            formatter.forget();
        }

        @Override
        public void endRow(int rowNum) {
            sheet.accept(row);
            row = null;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            // a cell written without its address follows the one before it
            int column = cellReference == null ? nextColumn : new CellReference(cellReference).getCol();
            nextColumn = column + 1;
            Double number = formatter.lastNumber;
            boolean date = formatter.lastWasDate;
            formatter.forget();
            if (row != null && formattedValue != null) {
                row.put(column, formattedValue, number, date);
            }
        }

        @Override
        public void endSheet() {
            sheet.finish();
        }
    }

    /**
     * Formats numbers as the workbook shows them and notes the last one with whether its format is a
     * date's, which the event API's cells do not carry.
     */
    private static final class NumberNotingFormatter extends DataFormatter {
        Double lastNumber;
        boolean lastWasDate;

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            lastNumber = value;
            lastWasDate = DateUtil.isValidExcelDate(value) && DateUtil.isADateFormat(formatIndex, formatString);
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }

        void forget() {
            lastNumber = null;
            lastWasDate = false;
        }
    }

    private ListImportRow judge(SheetReading sheet, RawRow row) {
        String name = sheet.name;
        int index = row.index;
        Cells cells = new Cells(name, index + 1, row, sheet.problems);
        String number = cells.required(ListImportLayout.NUMBER, 30);
        if (number != null) {
            Integer first = sheet.numbers.putIfAbsent(number, index + 1);
            if (first != null) {
                sheet.problems.add(new ListImportProblem(name, index + 1, ListImportLayout.NUMBER, "编号 " + number
                        + " is used on row " + first + " already; each item of a list needs its own"));
            }
        }
        String title = cells.required(ListImportLayout.TITLE, 100);
        String content = cells.required(ListImportLayout.CONTENT, 2000);
        String requester = cells.required(ListImportLayout.REQUESTER, 100);
        String responsible = cells.required(ListImportLayout.RESPONSIBLE, 100);
        List<String> coUnits = cells.units(ListImportLayout.CO_UNITS);
        LocalDate deadline = cells.date(ListImportLayout.DEADLINE);
        TaskCategory category = cells.category(ListImportLayout.CATEGORY, sheet.list);
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
        return new ListImportRow(sheet.list, index + 1, number, title, content, requester, responsible, coUnits, deadline,
                category, region, contactName, contactPhone, quality);
    }

    /** The cells of one row, read by column name, each problem recorded where it is. */
    private static final class Cells {
        private final String sheet;
        private final int rowNumber;
        private final RawRow row;
        private final List<ListImportProblem> problems;

        Cells(String sheet, int rowNumber, RawRow row, List<ListImportProblem> problems) {
            this.sheet = sheet;
            this.rowNumber = rowNumber;
            this.row = row;
            this.problems = problems;
        }

        void problem(String column, String message) {
            problems.add(new ListImportProblem(sheet, rowNumber, column, message));
        }

        private String shown(String column) {
            String text = row.text[ListImportLayout.COLUMNS.indexOf(column)];
            return text == null ? "" : text;
        }

        String optional(String column, int maxLength) {
            String text = shown(column).strip();
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
            if (shown(column).isBlank()) {
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
            if (shown(column).isBlank()) {
                problem(column, "is required");
                return null;
            }
            int index = ListImportLayout.COLUMNS.indexOf(column);
            Double serial = row.number[index];
            // a date typed into a cell without a date format stays Excel's day number (46355 = 2026-11-29)
            if (serial != null && (row.dateFormatted[index] || (serial >= EARLIEST_SERIAL && serial <= LATEST_SERIAL))) {
                return DateUtil.getLocalDateTime(serial).toLocalDate();
            }
            String text = shown(column).strip().replace('/', '-').replace('.', '-');
            try {
                return LocalDate.parse(text, DATE);
            } catch (DateTimeParseException e) {
                problem(column, "must be a date such as 2027-06-30 (found " + shown(column).strip() + ")");
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
