package org.duallist.query.rest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duallist.contracts.Actor;
import org.duallist.contracts.TaskList;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.rest.Attachment;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.validation.RegionCodeShape;
import org.duallist.platform.time.BusinessClock;
import org.duallist.query.query.FindLedgerQuery;
import org.duallist.query.query.FindStatisticsQuery;
import org.duallist.query.query.LedgerQueries;
import org.duallist.query.query.LedgerRow;
import org.duallist.query.query.Statistics;
import org.duallist.query.query.StatisticsQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ledger (工作台账) as offices keep it, as a spreadsheet: an Excel workbook, or CSV for other
 * tools, of what the caller may read. Both are written while the rows are read, so that a large
 * ledger starts downloading at once and never sits in memory whole.
 */
@Path("/api/ledger")
@Authenticated
@Tag(name = "Ledger (工作台账)", description = "The year's dual list as a spreadsheet, with a summary by unit")
public class LedgerResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";
    /** Excel opens UTF-8 CSV as such only with a byte order mark. */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final LedgerQueries ledger;
    private final StatisticsQueries statistics;
    private final BusinessClock clock;
    private final Caller caller;

    LedgerResource(LedgerQueries ledger, StatisticsQueries statistics, BusinessClock clock, Caller caller) {
        this.ledger = ledger;
        this.statistics = statistics;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Produces({XLSX, CSV})
    @Operation(summary = "工作台账: one year's registered tasks as a workbook (one sheet per list and a summary) or as CSV",
            description = "Choose the format with Accept: " + XLSX + " (default) or " + CSV + ". Columns: 序号, 事项名称, "
                    + "实事内容, 提出单位, 责任单位, 配合单位, 完成时限, 办理进度, 状态, 预警, 督办等级, 备注, 类别, 行政区划代码 "
                    + "(CSV adds 清单 first). Red and yellow rows by 预警. With asOf the rows are the tasks as the recorded "
                    + "events gave them on that day (办理进度 is left empty there).")
    @APIResponse(responseCode = "200", description = "The ledger",
            content = {@Content(mediaType = XLSX), @Content(mediaType = CSV)})
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ledger(
            @Parameter(description = "行政区划代码; default the caller's region (a city includes its counties)")
            @QueryParam("region") @RegionCodeShape String region,
            @Parameter(description = "年度; default the year of asOf")
            @QueryParam("year") @Pattern(regexp = "\\d{4}", message = "must be a year such as 2027") String year,
            @Parameter(description = "拥军优属 SUPPORT_THE_MILITARY or 拥政爱民 SUPPORT_THE_PEOPLE; default both")
            @QueryParam("list") @Pattern(regexp = "SUPPORT_THE_MILITARY|SUPPORT_THE_PEOPLE",
                    message = "must be SUPPORT_THE_MILITARY or SUPPORT_THE_PEOPLE") String list,
            @Parameter(description = "The date to judge by (YYYY-MM-DD); default today in Asia/Shanghai")
            @QueryParam("asOf") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date YYYY-MM-DD") String asOf,
            @jakarta.ws.rs.HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate today = clock.today();
        LocalDate day = asOf == null ? today : TaskResource.date("asOf", asOf);
        Actor reader = TaskResource.reader(caller, region);
        String scope = region != null ? region : reader.region();
        int ledgerYear = year == null ? day.getYear() : Integer.parseInt(year);
        TaskList onlyList = list == null ? null : TaskList.valueOf(list);
        FindLedgerQuery query = new FindLedgerQuery(reader, day, !day.isBefore(today), ledgerYear, region, onlyList);
        String heading = "行政区划 " + scope + " " + ledgerYear + "年度双拥实事清单工作台账（截至" + day + "）";
        boolean csv = accept != null && accept.contains(CSV) && !accept.contains(XLSX);

        StreamingOutput body;
        if (csv) {
            body = out -> writeCsv(query, out);
        } else {
            // read here, in the request's own context, before the rows stream out
            Statistics figures = statistics.find(new FindStatisticsQuery(reader, day, ledgerYear, region, onlyList, null));
            body = out -> writeWorkbook(query, heading, figures, out);
        }
        String name = ledgerYear + "年双拥工作台账_" + scope + "_截至" + day + (csv ? ".csv" : ".xlsx");
        String fallback = "dual-list-ledger-" + scope + "-" + ledgerYear + "-" + day + (csv ? ".csv" : ".xlsx");
        return Response.ok(body, csv ? CSV + "; charset=UTF-8" : XLSX)
                .header("Content-Disposition", Attachment.disposition(fallback, name))
                .build();
    }

    private void writeWorkbook(FindLedgerQuery query, String heading, Statistics figures, OutputStream out)
            throws IOException {
        List<TaskList> lists = query.list() == null ? List.of(TaskList.values()) : List.of(query.list());
        try (LedgerWorkbook workbook = new LedgerWorkbook(heading, lists)) {
            ledger.forEachRow(query, workbook::add);
            workbook.summary("责任单位办结情况 " + heading, figures.byResponsibleUnit(), figures.overall());
            workbook.write(out);
        }
    }

    private void writeCsv(FindLedgerQuery query, OutputStream out) throws IOException {
        out.write(UTF8_BOM);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvSchema.Builder columns = CsvSchema.builder().addColumn("清单");
        LedgerWorkbook.COLUMNS.forEach(columns::addColumn);
        // quotes only where CSV needs them (commas, quotes, line breaks), as spreadsheets write it
        CsvMapper csv = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        try (SequenceWriter rows = csv.writerFor(List.class).with(columns.build().withHeader()).writeValues(writer)) {
            int[] number = {0};
            ledger.forEachRow(query, row -> {
                try {
                    rows.write(csvRow(++number[0], row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static List<String> csvRow(int number, LedgerRow row) {
        List<String> cells = new ArrayList<>();
        cells.add(row.list().chineseName());
        cells.add(Integer.toString(number));
        cells.add(row.title());
        cells.add(row.content());
        cells.add(row.requesterUnit());
        cells.add(row.responsibleUnit());
        cells.add(row.coUnits());
        cells.add(row.deadline().toString());
        cells.add(row.percent() == null ? "" : row.percent() + "%");
        cells.add(row.status());
        cells.add(row.light() == null ? "" : row.light().chineseName());
        cells.add(row.grade() == null ? "" : row.grade().chineseName());
        cells.add(row.remarks());
        cells.add(row.category().chineseName());
        cells.add(row.regionCode());
        return cells;
    }
}
