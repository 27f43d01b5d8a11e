package org.duallist.progress.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the progress service's commands. */
public final class ProgressRequests {

    private ProgressRequests() {
    }

    @Schema(description = "进度反馈: a progress report")
    public record ProgressReport(
            @Schema(description = "Percent done, 0 to 100", required = true) @NotNull @Min(0) @Max(100) Integer percent,
            @Schema(description = "What was done since the last report", required = true) @NotBlank @Size(max = 2000) String narrative,
            @Schema(description = "When the next step is due") LocalDate nextStepDate,
            @Schema(description = "Why progress went back, required when percent is lower than before") @Size(max = 1000) String decreaseReason) {
    }

    @Schema(description = "困难问题/需协调事项: an obstacle that needs coordination")
    public record ObstacleReport(@Schema(required = true) @NotBlank @Size(max = 2000) String description) {
    }

    @Schema(description = "How an obstacle was resolved")
    public record ObstacleResolution(@Schema(required = true) @NotBlank @Size(max = 2000) String resolution) {
    }

    @Schema(description = "办结反馈: what was done, with links to the evidence")
    public record CompletionReport(
            @Schema(required = true) @NotBlank @Size(max = 4000) String summary,
            @Size(max = 20) List<@NotBlank @Size(max = 500) @Pattern(regexp = "^(https?://|/).*", message = "must be a link (http, https or a path)") String> evidenceLinks) {
    }

    @Schema(description = "验收不通过: why the completion is not accepted")
    public record Rejection(@Schema(required = true) @NotBlank @Size(max = 2000) String reasons) {
    }

    @Schema(description = "评议/满意度测评: 1 (unsatisfied) to 5 (very satisfied), with a comment")
    public record Rating(
            @Schema(required = true) @NotNull @Min(1) @Max(5) Integer score,
            @Size(max = 1000) String comment) {
    }
}
