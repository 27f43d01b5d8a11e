package org.duallist.registration.rest;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.platform.domain.AccessDeniedException;
import org.duallist.platform.domain.InvalidFieldsException;
import org.duallist.platform.identity.Caller;
import org.duallist.platform.rest.Attachment;
import org.duallist.platform.rest.Problem;
import org.duallist.platform.rest.validation.RegionCodeShape;
import org.duallist.platform.time.BusinessClock;
import org.duallist.spreadsheet.ListImportTemplate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** 导入年度清单: the office of a region files and registers a year's list from a spreadsheet. */
@Path("/api/lists/import")
@Authenticated
@Tag(name = "List import (导入年度清单)", description = "A year's dual list from an .xlsx workbook, all rows or none")
public class ListImportResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ListImporter importer;
    private final BusinessClock clock;
    private final Caller caller;

    ListImportResource(ListImporter importer, BusinessClock clock, Caller caller) {
        this.importer = importer;
        this.clock = clock;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "导入年度清单: file and register every row of an .xlsx in the template's layout",
            description = "Only the office (双拥办) of the region. Every row is checked first; a file with any bad row is "
                    + "refused with one error per bad cell (\"拥军优属清单 第5行 完成时限\") and files nothing. Each row is filed on "
                    + "its 提出单位's behalf and registered with its 责任单位 and 完成时限; a row whose 编号 was imported before "
                    + "(same list, region and year) is not filed again, so uploading the same file twice files nothing the second time.")
    @APIResponse(responseCode = "200", description = "What was filed, row by row",
            content = @Content(schema = @Schema(implementation = ListImporter.Report.class)))
    @APIResponse(responseCode = "400", description = "Bad rows (each cell named in errors) or no file; nothing was filed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the office of the region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListImporter.Report importList(
            @Parameter(description = "The .xlsx file (multipart field file)") @RestForm("file") FileUpload file,
            @Parameter(description = "行政区划代码 of the list; default the office's region; rows may name regions within it")
            @QueryParam("region") @RegionCodeShape String region,
            @Parameter(description = "年度; default this year")
            @QueryParam("year") @Pattern(regexp = "20\\d{2}", message = "must be a year such as 2027") String year,
            @Parameter(description = "Only judge the file: answer how many items it holds, or its errors; file nothing")
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Parameter(description = "Import from this item on (0 = the first; list sheets in order, rows top down)")
            @QueryParam("from") @DefaultValue("0") @Min(0) int from,
            @Parameter(description = "Import at most this many items (default: all from `from`); the whole file is judged every time")
            @QueryParam("count") @Min(1) Integer count) {
        Actor actor = caller.actor();
        if (actor.role() != ActorRole.OFFICE) {
            throw new AccessDeniedException("only the dual-support office (双拥办) imports a year's list");
        }
        String listRegion = region == null ? actor.region() : region;
        if (!actor.covers(listRegion)) {
            throw new AccessDeniedException("the office of " + actor.region() + " imports only lists of its own region");
        }
        int listYear = year == null ? clock.today().getYear() : Integer.parseInt(year);
        if (listYear < clock.today().getYear() - 1 || listYear > clock.today().getYear() + 1) {
            throw new InvalidFieldsException("year", "must be last year, this year or next year");
        }
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidFieldsException("file", "is required: the list as an .xlsx workbook, multipart field 'file'");
        }
        byte[] workbook;
        try {
            workbook = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return importer.importList(workbook, listRegion, listYear, actor, new ListImporter.Part(from, count, dryRun));
    }

    @GET
    @Path("/template")
    @Produces(XLSX)
    @Operation(summary = "The empty template of a year's list, with a sample row and the accepted values of each coded column")
    public Response template() {
        LocalDate sampleDeadline = clock.today().plusDays(180);
        StreamingOutput body = out -> ListImportTemplate.write(out, sampleDeadline);
        return Response.ok(body, XLSX)
                .header("Content-Disposition",
                        Attachment.disposition(ListImportTemplate.ASCII_FILE_NAME, ListImportTemplate.FILE_NAME))
                .build();
    }
}
