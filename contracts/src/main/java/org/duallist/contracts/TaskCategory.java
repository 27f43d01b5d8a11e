package org.duallist.contracts;

import java.util.EnumSet;
import java.util.Set;

/** What kind of practical matter (实事) a task is; each category belongs to one or both lists. */
public enum TaskCategory {
    SPOUSE_EMPLOYMENT("随军家属就业安置", TaskList.SUPPORT_THE_MILITARY),
    CHILDREN_EDUCATION("军人子女入学入托", TaskList.SUPPORT_THE_MILITARY),
    MEDICAL_CARE("医疗保障", TaskList.SUPPORT_THE_MILITARY),
    CAMP_SURROUNDINGS("营区周边环境与道路", TaskList.SUPPORT_THE_MILITARY),
    TRAINING_SUPPORT("战备训练保障", TaskList.SUPPORT_THE_MILITARY),
    PREFERENTIAL_TREATMENT("优待抚恤与服务保障", TaskList.SUPPORT_THE_MILITARY),
    DISASTER_RELIEF("抢险救灾", TaskList.SUPPORT_THE_PEOPLE),
    NATIONAL_DEFENSE_EDUCATION("全民国防教育", TaskList.SUPPORT_THE_PEOPLE),
    STUDENT_MILITARY_TRAINING("学生军训", TaskList.SUPPORT_THE_PEOPLE),
    RURAL_REVITALIZATION("乡村振兴", TaskList.SUPPORT_THE_PEOPLE),
    MAJOR_PROJECTS("支援重大工程建设", TaskList.SUPPORT_THE_PEOPLE),
    OTHER("其他", TaskList.SUPPORT_THE_MILITARY, TaskList.SUPPORT_THE_PEOPLE);

    private final String chineseName;
    private final Set<TaskList> lists;

    TaskCategory(String chineseName, TaskList first, TaskList... more) {
        this.chineseName = chineseName;
        this.lists = EnumSet.of(first, more);
    }

    public String chineseName() {
        return chineseName;
    }

    public boolean belongsTo(TaskList list) {
        return lists.contains(list);
    }
}
