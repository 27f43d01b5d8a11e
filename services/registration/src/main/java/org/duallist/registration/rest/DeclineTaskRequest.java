package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "不予立项: decline a filed request")
public record DeclineTaskRequest(
        @Schema(description = "Why the request is not registered (理由)", required = true)
        @NotBlank @Size(max = 1000) String reason) {
}
