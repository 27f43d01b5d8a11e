package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "延期申请: a later deadline and why")
public record ExtensionRequest(
        @Schema(description = "The deadline asked for (YYYY-MM-DD), after the current one", required = true)
        @NotNull LocalDate requestedDeadline,
        @Schema(description = "理由", required = true)
        @NotBlank @Size(max = 1000) String reason) {
}
