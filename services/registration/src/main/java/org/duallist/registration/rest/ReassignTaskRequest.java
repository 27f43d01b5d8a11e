package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.duallist.platform.rest.validation.NotBeforeBusinessToday;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "改派: assign a returned task to another responsible unit")
public record ReassignTaskRequest(
        @Schema(description = "责任单位: the new lead unit", required = true)
        @NotBlank @Size(max = 100) String responsibleUnit,
        @Schema(description = "配合单位: co-responsible units")
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> coUnits,
        @Schema(description = "完成时限: a new deadline; the old one stays when omitted")
        @NotBeforeBusinessToday LocalDate deadline) {
}
