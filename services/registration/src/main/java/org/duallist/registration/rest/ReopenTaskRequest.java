package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.duallist.platform.rest.validation.NotBeforeBusinessToday;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "重新办理: reopen a task whose completion was accepted, or a closed one")
public record ReopenTaskRequest(
        @Schema(description = "重新办理理由, e.g. what the closing overlooked", required = true)
        @NotBlank @Size(max = 1000) String reason,
        @Schema(description = "完成时限: a new deadline; the old one stays when omitted")
        @NotBeforeBusinessToday LocalDate deadline) {
}
