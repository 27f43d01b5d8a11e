package org.duallist.contracts;

/** The grades of a supervision notice (督办单), from the mildest; each escalation climbs one. */
public enum SupervisionGrade {
    /** A reminder when the task falls overdue (催办). */
    REMINDER("催办"),
    /** A supervision notice with a reply date (督办). */
    NOTICE("督办"),
    /** Special supervision, the task is put on the board (专题督办/挂牌督办). */
    SPECIAL("专题督办"),
    /** Referred to the leadership group (提请领导小组). */
    REFERRAL("提请领导小组");

    private final String chineseName;

    SupervisionGrade(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The grade above this one, or this one at the top. */
    public SupervisionGrade next() {
        return this == REFERRAL ? REFERRAL : values()[ordinal() + 1];
    }
}
