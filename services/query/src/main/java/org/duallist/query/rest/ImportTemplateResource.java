package org.duallist.query.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import org.duallist.platform.rest.Attachment;
import org.duallist.platform.time.BusinessClock;
import org.duallist.spreadsheet.ListImportTemplate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The template of a year's list, offered beside the ledger so that offices find both where they
 * read the list; the import itself is the registration service's ({@code POST /api/lists/import}).
 */
@Path("/api/lists/import/template")
@Authenticated
@Tag(name = "Ledger (工作台账)")
public class ImportTemplateResource {

    private final BusinessClock clock;

    ImportTemplateResource(BusinessClock clock) {
        this.clock = clock;
    }

    @GET
    @Produces(LedgerResource.XLSX)
    @Operation(summary = "导入模板: the empty template of a year's list, with a sample row and the accepted values of each coded column")
    public Response template() {
        LocalDate sampleDeadline = clock.today().plusDays(180);
        StreamingOutput body = out -> ListImportTemplate.write(out, sampleDeadline);
        return Response.ok(body, LedgerResource.XLSX)
                .header("Content-Disposition",
                        Attachment.disposition(ListImportTemplate.ASCII_FILE_NAME, ListImportTemplate.FILE_NAME))
                .build();
    }
}
