package org.duallist.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskList;
import org.duallist.platform.rest.validation.PlausibleListYear;
import org.duallist.platform.rest.validation.RegionCodeShape;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "需求提报: a request filed by a requester unit (提出单位) on its region's dual list (双清单)")
public record FileTaskRequest(
        @Schema(description = "Which list: 拥军优属 (SUPPORT_THE_MILITARY, filed by military units) or 拥政爱民 (SUPPORT_THE_PEOPLE, filed by civil departments)", required = true)
        @NotNull TaskList list,
        @Schema(description = "GB/T 2260 code of the region whose list this is (行政区划代码)", example = "150102", required = true)
        @NotBlank @RegionCodeShape String regionCode,
        @Schema(description = "Year of the list (年度)", example = "2027", required = true)
        @NotNull @PlausibleListYear Integer year,
        @Schema(description = "事项名称: short title", example = "解决随军家属就业安置", required = true)
        @NotBlank @Size(max = 100) String title,
        @Schema(description = "实事内容: what is to be done", required = true)
        @NotBlank @Size(max = 2000) String content,
        @Schema(description = "Category of the practical matter (类别); must belong to the chosen list", required = true)
        @NotNull TaskCategory category,
        @Schema(description = "提出单位: the unit filing the request; a unit's own by default, required when the office files on a unit's behalf", example = "呼和浩特警备区政治工作处")
        @Size(max = 100) String requesterUnit,
        @Schema(description = "联系人", example = "王参谋", required = true)
        @NotBlank @Size(max = 50) String contactName,
        @Schema(description = "联系电话: mobile (11 digits) or landline with area code", example = "0471-6901234", required = true)
        @NotBlank @Pattern(regexp = "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$",
                message = "must be a mobile number (11 digits) or a landline with area code such as 0471-6901234")
        String contactPhone) {
}
