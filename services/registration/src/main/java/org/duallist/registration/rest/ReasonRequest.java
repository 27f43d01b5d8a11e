package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A reason, as 退回 (return) and 撤销 (withdrawal) require")
public record ReasonRequest(
        @Schema(description = "理由", required = true)
        @NotBlank @Size(max = 1000) String reason) {
}
