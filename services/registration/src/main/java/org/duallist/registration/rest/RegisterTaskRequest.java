package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.duallist.platform.rest.validation.NotBeforeBusinessToday;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "立项交办: register a filed request and assign it, with the four things made explicit (四个明确)")
public record RegisterTaskRequest(
        @Schema(description = "责任单位 (牵头/主办): the lead unit that answers for the task", example = "呼和浩特市人力资源和社会保障局", required = true)
        @NotBlank @Size(max = 100) String responsibleUnit,
        @Schema(description = "配合单位 (协办): co-responsible units")
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> coUnits,
        @Schema(description = "完成时限: deadline, a date in Asia/Shanghai, today or later", example = "2027-06-30", required = true)
        @NotNull @NotBeforeBusinessToday LocalDate deadline,
        @Schema(description = "工作质量: the quality requirement", required = true)
        @NotBlank @Size(max = 1000) String qualityRequirement) {
}
