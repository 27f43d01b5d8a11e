package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "修改: amend a task before the responsible unit claims it; omitted fields stay as they are")
public record AmendTaskRequest(
        @Schema(description = "事项名称: the new title")
        @Size(max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @Schema(description = "实事内容: the new content")
        @Size(max = 2000) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String content,
        @Schema(description = "配合单位: the co-responsible units from now on (registered tasks only); [] removes them all")
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> coUnits,
        @Schema(description = "修改理由", required = true)
        @NotBlank @Size(max = 1000) String reason) {
}
