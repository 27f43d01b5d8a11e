package org.duallist.query.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 统计: one year's tasks in a region as they stood on {@code asOf}, whole and by group, with the units' ranking. */
public record Statistics(
        LocalDate asOf,
        int year,
        String region,
        StatisticsRow overall,
        @Schema(description = "按责任单位")
        List<StatisticsRow> byResponsibleUnit,
        @Schema(description = "按地区: a city's counties side by side, a province's cities")
        List<StatisticsRow> byRegion,
        @Schema(description = "按清单: 拥军优属 / 拥政爱民")
        List<StatisticsRow> byList,
        @Schema(description = "按类别")
        List<StatisticsRow> byCategory,
        @Schema(description = "责任单位排名")
        List<UnitRank> unitRanking,
        @Schema(description = "预警: open tasks not yet completed by light (红灯, 黄灯, 绿灯, and NONE before their first "
                + "evaluation); on a past day only 红灯 is known (the tasks overdue that day)")
        Map<String, Long> lights) {
}
