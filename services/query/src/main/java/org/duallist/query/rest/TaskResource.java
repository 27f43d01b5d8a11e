package org.duallist.query.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.TaskList;
import org.duallist.platform.domain.InvalidFieldsException;
import io.quarkus.security.Authenticated;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.RegionCode;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.identity.ReadAccess;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.validation.RegionCodeShape;
import org.duallist.platform.time.BusinessClock;
import java.util.List;
import org.duallist.query.query.FindOverdueTasksQuery;
import org.duallist.query.query.HistoryStep;
import org.duallist.query.query.FindTasksQuery;
import org.duallist.query.query.OverduePage;
import org.duallist.query.query.Page;
import org.duallist.query.query.PageRequest;
import org.duallist.query.query.TaskQueries;
import org.duallist.query.query.TaskStatus;
import org.duallist.query.query.TaskDetail;
import org.duallist.query.query.TaskSummary;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The leaders' questions (领导小组查询): the ledger of tasks with filters, one task, and what is
 * overdue (逾期). Query parameters arrive as text and are checked here, so that a bad value is a
 * 400 naming the parameter rather than JAX-RS's bare 404.
 */
@Path("/api/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks (事项查询)", description = "工作台账 and 逾期事项 for leadership groups and offices")
public class TaskResource {

    private static final String LISTS = "SUPPORT_THE_MILITARY|SUPPORT_THE_PEOPLE";
    private static final String STATUSES = "(?i)"
            + "SUBMITTED|REGISTERED|DECLINED|CLAIMED|RETURNED|WITHDRAWN|IN_PROGRESS|COMPLETION_REPORTED|ACCEPTED|CLOSED";
    private static final String GRADES = "(?i)REMINDER|NOTICE|SPECIAL|REFERRAL";
    private static final String ISO_DATE = "\\d{4}-\\d{2}-\\d{2}";

    private final TaskQueries queries;
    private final BusinessClock clock;
    private final Caller caller;

    TaskResource(TaskQueries queries, BusinessClock clock, Caller caller) {
        this.queries = queries;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "工作台账: tasks filtered by list, region, unit, year, status and category, paged and sorted")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TaskSummary> list(
            @Parameter(description = "拥军优属 SUPPORT_THE_MILITARY or 拥政爱民 SUPPORT_THE_PEOPLE")
            @QueryParam("list") @Pattern(regexp = LISTS, message = "must be SUPPORT_THE_MILITARY or SUPPORT_THE_PEOPLE") String list,
            @Parameter(description = "行政区划代码; a city also matches its counties, a province its cities and counties")
            @QueryParam("region") @RegionCodeShape String region,
            @Parameter(description = "责任单位") @QueryParam("responsibleUnit") String responsibleUnit,
            @Parameter(description = "提出单位") @QueryParam("requesterUnit") String requesterUnit,
            @Parameter(description = "年度") @QueryParam("year") @Pattern(regexp = "\\d{4}", message = "must be a year such as 2027") String year,
            @Parameter(description = "SUBMITTED 已提报, REGISTERED 已立项交办, DECLINED 不予立项, CLAIMED 已签收, RETURNED 已退回, WITHDRAWN 已撤销, IN_PROGRESS 办理中, COMPLETION_REPORTED 已办结待验收, ACCEPTED 已验收, CLOSED 已销号")
            @QueryParam("status") @Pattern(regexp = STATUSES, message = "must be one of SUBMITTED, REGISTERED, DECLINED, CLAIMED, RETURNED, WITHDRAWN, IN_PROGRESS, COMPLETION_REPORTED, ACCEPTED, CLOSED") String status,
            @Parameter(description = "类别") @QueryParam("category") String category,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(500) int size,
            @Parameter(description = "field[,asc|desc]; fields: filedAt, registeredAt, deadline, updatedAt, title, year, status")
            @QueryParam("sort") @DefaultValue("filedAt,desc")
            @Pattern(regexp = "(filedAt|registeredAt|deadline|updatedAt|title|year|status)(,(asc|desc))?",
                    message = "must be a field (filedAt, registeredAt, deadline, updatedAt, title, year, status) with an optional ,asc or ,desc")
            String sort) {
        String[] sortParts = sort.split(",");
        boolean ascending = sortParts.length > 1 && sortParts[1].equals("asc");
        return queries.find(new FindTasksQuery(
                reader(region),
                list == null ? null : TaskList.valueOf(list),
                region, blankToNull(responsibleUnit), blankToNull(requesterUnit),
                year == null ? null : Integer.valueOf(year),
                status == null ? null : TaskStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)),
                category(category),
                new PageRequest(page, size, sortParts[0], ascending)));
    }

    @GET
    @Path("/overdue")
    @Operation(summary = "逾期事项: tasks overdue on a day (default today), with light, supervision grade and last notice",
            description = "A task is overdue from the day after the deadline in force, until it is completed (验收通过), "
                    + "closed (销号) or withdrawn (撤销). With asOf the answer is what the recorded events said on that day "
                    + "(what was overdue on 30 June even if it was done since).")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OverduePage overdue(
            @Parameter(description = "The date to judge by (YYYY-MM-DD); default today in Asia/Shanghai")
            @QueryParam("asOf") @Pattern(regexp = ISO_DATE, message = "must be a date YYYY-MM-DD") String asOf,
            @QueryParam("list") @Pattern(regexp = LISTS, message = "must be SUPPORT_THE_MILITARY or SUPPORT_THE_PEOPLE") String list,
            @Parameter(description = "行政区划代码; a city also matches its counties, a province its cities and counties")
            @QueryParam("region") @RegionCodeShape String region,
            @Parameter(description = "责任单位") @QueryParam("responsibleUnit") String responsibleUnit,
            @Parameter(description = "类别") @QueryParam("category") String category,
            @QueryParam("year") @Pattern(regexp = "\\d{4}", message = "must be a year such as 2027") String year,
            @Parameter(description = "督办等级: REMINDER 催办, NOTICE 督办, SPECIAL 专题督办, REFERRAL 提请领导小组")
            @QueryParam("grade") @Pattern(regexp = GRADES, message = "must be one of REMINDER, NOTICE, SPECIAL, REFERRAL") String grade,
            @Parameter(description = "最少逾期天数") @QueryParam("minDaysOverdue") @Min(1) Integer minDaysOverdue,
            @Parameter(description = "daysOverdue (most overdue first, default) or grade (highest grade first)")
            @QueryParam("sort") @DefaultValue("daysOverdue")
            @Pattern(regexp = "daysOverdue|grade", message = "must be daysOverdue or grade") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return queries.findOverdue(new FindOverdueTasksQuery(
                reader(region),
                asOf == null ? clock.today() : date("asOf", asOf),
                list == null ? null : TaskList.valueOf(list),
                region, blankToNull(responsibleUnit), category(category),
                year == null ? null : Integer.valueOf(year),
                grade == null ? null : SupervisionGrade.valueOf(grade.toUpperCase(java.util.Locale.ROOT)),
                minDaysOverdue, sort.equals("grade"), page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One task (事项详情) with its light (预警), supervision notices (督办单) and audits (核查)")
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskDetail get(@PathParam("id") UUID id) {
        TaskDetail detail = queries.findDetail(id).orElseThrow(() -> new NotFoundException("no task " + id));
        TaskSummary task = detail.task();
        if (!ReadAccess.mayRead(caller.actor(), task.regionCode(), task.requesterUnit(), task.responsibleUnit(), task.coUnits())) {
            throw new AccessDeniedException("a unit reads only the tasks it requested or is (co-)responsible for; "
                    + "offices and leaders only those in their region");
        }
        return detail;
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "办理记录: every step of the task in order, with who did it and when (the audit trail)",
            description = "Each step's details are the event's own fields in the current revision of its type "
                    + "(a step recorded from an earlier revision is answered in the current shape, e.g. the "
                    + "filing's contact as {name, phone})")
    @APIResponse(responseCode = "404", description = "No such task",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<HistoryStep> history(@PathParam("id") UUID id) {
        get(id);
        return queries.history(id);
    }

    private Actor reader(String region) {
        return reader(caller, region);
    }

    /**
     * The caller, after checking that a region they ask for overlaps theirs: an office or leader
     * asking for another region is refused rather than shown an empty list.
     */
    static Actor reader(Caller caller, String region) {
        Actor reader = caller.actor();
        if (region != null && reader.role() != ActorRole.UNIT
                && !RegionCode.covers(reader.region(), region) && !RegionCode.covers(region, reader.region())) {
            throw new AccessDeniedException("region " + region + " is outside your region " + reader.region());
        }
        return reader;
    }

    static TaskCategory category(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return TaskCategory.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsException("category", "must be one of " + java.util.Arrays.toString(TaskCategory.values()));
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsException(field, "is not a calendar date: " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
