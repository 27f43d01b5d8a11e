package org.duallist.query.rest;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.duallist.contracts.TaskList;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.validation.RegionCodeShape;
import org.duallist.platform.time.BusinessClock;
import org.duallist.query.query.FindStatisticsQuery;
import org.duallist.query.query.Statistics;
import org.duallist.query.query.StatisticsQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The leaders' statistics (统计): completion rates, overdue tasks and notices by unit, region, list and category. */
@Path("/api/stats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics (统计分析)", description = "办结率, 按时办结率, 逾期, 督办 by 责任单位, 地区, 清单, 类别; 排名")
public class StatisticsResource {

    private final StatisticsQueries statistics;
    private final BusinessClock clock;
    private final Caller caller;

    StatisticsResource(StatisticsQueries statistics, BusinessClock clock, Caller caller) {
        this.statistics = statistics;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "统计: one year's tasks by responsible unit, region, list and category, with the units' ranking",
            description = "Rates are percent of the registered, not withdrawn tasks (办结率 = completion accepted; "
                    + "按时办结率 = accepted on or before the deadline in force). With asOf the figures are those the "
                    + "recorded events gave on that day. A city's leader sees its counties side by side, a province's its cities.")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Statistics get(
            @Parameter(description = "年度; default the year of asOf")
            @QueryParam("year") @Pattern(regexp = "\\d{4}", message = "must be a year such as 2027") String year,
            @Parameter(description = "The date to judge by (YYYY-MM-DD); default today in Asia/Shanghai")
            @QueryParam("asOf") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date YYYY-MM-DD") String asOf,
            @Parameter(description = "行政区划代码; default the caller's region")
            @QueryParam("region") @RegionCodeShape String region,
            @QueryParam("list") @Pattern(regexp = "SUPPORT_THE_MILITARY|SUPPORT_THE_PEOPLE",
                    message = "must be SUPPORT_THE_MILITARY or SUPPORT_THE_PEOPLE") String list,
            @Parameter(description = "类别") @QueryParam("category") String category) {
        LocalDate day = asOf == null ? clock.today() : TaskResource.date("asOf", asOf);
        return statistics.find(new FindStatisticsQuery(TaskResource.reader(caller, region), day,
                year == null ? day.getYear() : Integer.parseInt(year), region,
                list == null ? null : TaskList.valueOf(list), TaskResource.category(category)));
    }
}
