package org.duallist.local;

import java.util.List;
import org.duallist.contracts.Actor;
import org.duallist.contracts.UnitSide;

/**
 * The demo dual list of 呼和浩特市 (region 150100) and its districts and counties: fixed items, dates
 * relative to today. Deadlines are days from today (negative: overdue by now). Most registered items
 * go on by {@link Step}s (claims, returns, reassignment, withdrawal, progress, obstacles, extensions,
 * completion, rejection, acceptance, rating, closing), each on a day relative to today, so that the
 * demo holds items in every state ({@link #STATES}).
 */
final class DemoData {

    static final String CITY = "呼和浩特市";
    static final String CITY_CODE = "150100";
    static final String PROVINCE = "内蒙古自治区";
    static final String PROVINCE_CODE = "150000";

    static final String MILITARY = "SUPPORT_THE_MILITARY";
    static final String PEOPLE = "SUPPORT_THE_PEOPLE";

    /** A military unit of the city that files several demo items (and is responsible for some 拥政爱民 items). */
    static final String MILITARY_REQUESTER = "呼和浩特警备区政治工作处";
    /** A civil department of the city responsible for demo items (and requester of one). */
    static final String CIVIL_RESPONSIBLE = "呼和浩特市教育局";

    /** A user of the demo and the label {@code ./dual-list token --demo} prints above its token. */
    record DemoActor(String label, Actor actor) {
    }

    /** The users whose tokens {@code ./dual-list token --demo} and {@code up --demo} print. */
    static final List<DemoActor> ACTORS = List.of(
            new DemoActor("office " + CITY_CODE + " " + CITY + "双拥办", LocalTokens.office(CITY_CODE)),
            new DemoActor("leader " + CITY_CODE + " " + CITY + "双拥工作领导小组", LocalTokens.leader(CITY_CODE)),
            new DemoActor("leader " + PROVINCE_CODE + " " + PROVINCE + "双拥工作领导小组", LocalTokens.leader(PROVINCE_CODE)),
            new DemoActor("unit " + CITY_CODE + " " + MILITARY_REQUESTER + " (military, requester)",
                    LocalTokens.unit(MILITARY_REQUESTER, UnitSide.MILITARY, CITY_CODE)),
            new DemoActor("unit " + CITY_CODE + " " + CIVIL_RESPONSIBLE + " (civil, responsible unit)",
                    LocalTokens.unit(CIVIL_RESPONSIBLE, UnitSide.CIVIL, CITY_CODE)));

    /** The side of the units that file on a list: military units on 拥军优属, civil ones on 拥政爱民. */
    static UnitSide sideFilingOn(String list) {
        return switch (list) {
            case MILITARY -> UnitSide.MILITARY;
            case PEOPLE -> UnitSide.CIVIL;
            default -> throw new IllegalArgumentException("not a list: " + list);
        };
    }

    /** The requester unit of an item, as the token it files with names it: in the item's own region. */
    static Actor requester(Item item) {
        return LocalTokens.unit(item.requesterUnit(), sideFilingOn(item.list()), item.regionCode());
    }

    /** What happens to an item after filing. */
    sealed interface Outcome permits Registered, Declined, FiledOnly {
    }

    /** Registered (立项交办) with a deadline relative to today, then driven on by {@code steps}, in order. */
    record Registered(String responsibleUnit, List<String> coUnits, int deadlineDaysFromToday, String qualityRequirement,
                      List<Step> steps)
            implements Outcome {
        Registered {
            coUnits = List.copyOf(coUnits);
            steps = List.copyOf(steps);
        }
    }

    record Declined(String reason) implements Outcome {
    }

    record FiledOnly() implements Outcome {
    }

    record Item(String list, String regionCode, String category, String title, String content, String requesterUnit,
                String contactName, String contactPhone, Outcome outcome) {
    }

    /** Where an item ends up, as the query service names it; the order of the demo's summary line. */
    static final List<String> STATES = List.of("SUBMITTED", "DECLINED", "REGISTERED", "CLAIMED", "RETURNED", "WITHDRAWN",
            "IN_PROGRESS", "COMPLETION_REPORTED", "ACCEPTED", "CLOSED");

    /**
     * A step after registration, on {@link #day()} (days from today, negative: that many days ago, when
     * the loader moves the business clocks there), by the actor it needs: the responsible unit, the
     * requester unit or the city's office.
     */
    sealed interface Step permits Claim, Return, Reassign, Withdraw, Progress, Obstacle, ResolveObstacle,
            RequestExtension, ApproveExtension, Complete, Reject, Accept, Rate, Close, IssueNotice, Respond, Audit {
        int day();
    }

    /** 签收, by the responsible unit. */
    record Claim(int day) implements Step {
    }

    /** 退回, by the responsible unit. */
    record Return(int day, String reason) implements Step {
    }

    /** 改派 of a returned item to another unit, by the office (the deadline stays). */
    record Reassign(int day, String responsibleUnit, List<String> coUnits) implements Step {
    }

    /** 撤销, by the requester unit. */
    record Withdraw(int day, String reason) implements Step {
    }

    /** 进度反馈, by the responsible unit. */
    record Progress(int day, int percent, String narrative, String decreaseReason) implements Step {
    }

    /** 困难问题, by the responsible unit. */
    record Obstacle(int day, String description) implements Step {
    }

    /** 问题解决 of the item's last open obstacle, by the office. */
    record ResolveObstacle(int day, String resolution) implements Step {
    }

    /** 延期申请 to a deadline relative to today, by the responsible unit (before the current deadline). */
    record RequestExtension(int day, int requestedDeadlineDaysFromToday, String reason) implements Step {
    }

    /** 批准延期, by the office. */
    record ApproveExtension(int day) implements Step {
    }

    /** 办结反馈, by the responsible unit. */
    record Complete(int day, String summary, List<String> evidenceLinks) implements Step {
    }

    /** 验收不通过, by the requester unit. */
    record Reject(int day, String reasons) implements Step {
    }

    /** 验收通过, by the requester unit. */
    record Accept(int day) implements Step {
    }

    /** 评议, by the requester unit, after acceptance. */
    record Rate(int day, int score, String comment) implements Step {
    }

    /** 销号, by the office, after acceptance. */
    record Close(int day, String note) implements Step {
    }

    /** 督办单 by hand, by the office, at a grade above those issued (urgent matters start high). */
    record IssueNotice(int day, String grade, String reason) implements Step {
    }

    /**
     * 整改反馈 to the item's notice of {@code grade}, by the responsible unit; the notice is the schedule's
     * (or the office's), so the loader has the supervision service evaluate up to this day first.
     */
    record Respond(int day, String grade, String response) implements Step {
    }

    /** 核查 of an accepted completion, by the office: passed, or failed with findings (the task is reopened). */
    record Audit(int day, boolean passed, String findings) implements Step {
    }

    private static Step claim(int day) {
        return new Claim(day);
    }

    private static Step returned(int day, String reason) {
        return new Return(day, reason);
    }

    private static Step reassign(int day, String unit, List<String> coUnits) {
        return new Reassign(day, unit, coUnits);
    }

    private static Step withdraw(int day, String reason) {
        return new Withdraw(day, reason);
    }

    private static Step progress(int day, int percent, String narrative) {
        return new Progress(day, percent, narrative, null);
    }

    /** 进度反馈 below the last one (after a failed audit reopened the task), with the reason it went back. */
    private static Step progressBack(int day, int percent, String decreaseReason, String narrative) {
        return new Progress(day, percent, narrative, decreaseReason);
    }

    private static Step obstacle(int day, String description) {
        return new Obstacle(day, description);
    }

    private static Step resolveObstacle(int day, String resolution) {
        return new ResolveObstacle(day, resolution);
    }

    private static Step requestExtension(int day, int requestedDeadline, String reason) {
        return new RequestExtension(day, requestedDeadline, reason);
    }

    private static Step approveExtension(int day) {
        return new ApproveExtension(day);
    }

    private static Step complete(int day, String summary, String... evidenceLinks) {
        return new Complete(day, summary, List.of(evidenceLinks));
    }

    private static Step reject(int day, String reasons) {
        return new Reject(day, reasons);
    }

    private static Step accept(int day) {
        return new Accept(day);
    }

    private static Step rate(int day, int score, String comment) {
        return new Rate(day, score, comment);
    }

    private static Step close(int day, String note) {
        return new Close(day, note);
    }

    private static Step issueNotice(int day, String grade, String reason) {
        return new IssueNotice(day, grade, reason);
    }

    private static Step respond(int day, String grade, String response) {
        return new Respond(day, grade, response);
    }

    private static Step auditPassed(int day) {
        return new Audit(day, true, null);
    }

    private static Step auditFailed(int day, String findings) {
        return new Audit(day, false, findings);
    }

    /**
     * The state of a registered item after {@code step}, as the query service shows it, or an
     * {@link IllegalStateException} if the services would refuse the step in {@code state}.
     */
    static String stateAfter(String state, Step step) {
        if (step instanceof Claim) {
            return require(state, step, "REGISTERED", "CLAIMED");
        } else if (step instanceof Return) {
            return require(state, step, "REGISTERED", "RETURNED");
        } else if (step instanceof Reassign) {
            return require(state, step, "RETURNED", "REGISTERED");
        } else if (step instanceof Withdraw) {
            if (List.of("DECLINED", "WITHDRAWN", "CLOSED").contains(state)) {
                throw refused(state, step);
            }
            return "WITHDRAWN";
        } else if (step instanceof Progress || step instanceof Obstacle || step instanceof ResolveObstacle) {
            if (!List.of("CLAIMED", "IN_PROGRESS").contains(state)) {
                throw refused(state, step);
            }
            return step instanceof Progress ? "IN_PROGRESS" : state;
        } else if (step instanceof RequestExtension || step instanceof ApproveExtension) {
            if (!List.of("REGISTERED", "CLAIMED", "IN_PROGRESS").contains(state)) {
                throw refused(state, step);
            }
            return state;
        } else if (step instanceof Complete) {
            if (!List.of("CLAIMED", "IN_PROGRESS").contains(state)) {
                throw refused(state, step);
            }
            return "COMPLETION_REPORTED";
        } else if (step instanceof Reject) {
            return require(state, step, "COMPLETION_REPORTED", "IN_PROGRESS");
        } else if (step instanceof Accept) {
            return require(state, step, "COMPLETION_REPORTED", "ACCEPTED");
        } else if (step instanceof Rate) {
            return require(state, step, "ACCEPTED", "ACCEPTED");
        } else if (step instanceof Close) {
            return require(state, step, "ACCEPTED", "CLOSED");
        } else if (step instanceof IssueNotice || step instanceof Respond) {
            if (!SUPERVISED_STATES.contains(state)) {
                throw refused(state, step);
            }
            return state;
        } else if (step instanceof Audit audit) {
            if (!List.of("ACCEPTED", "CLOSED").contains(state)) {
                throw refused(state, step);
            }
            // a failed audit makes registration reopen the task (重新办理): the responsible unit works on
            return audit.passed() ? state : "IN_PROGRESS";
        }
        throw new IllegalArgumentException("unknown step " + step);
    }

    private static String require(String state, Step step, String expected, String next) {
        if (!state.equals(expected)) {
            throw refused(state, step);
        }
        return next;
    }

    private static IllegalStateException refused(String state, Step step) {
        return new IllegalStateException(step.getClass().getSimpleName() + " is not possible in state " + state);
    }

    /** Where the demo means an item to end up (CLOSED unless the registration service cannot close yet). */
    static String finalState(Item item) {
        if (item.outcome() instanceof FiledOnly) {
            return "SUBMITTED";
        }
        if (item.outcome() instanceof Declined) {
            return "DECLINED";
        }
        String state = "REGISTERED";
        for (Step step : ((Registered) item.outcome()).steps()) {
            state = stateAfter(state, step);
        }
        return state;
    }

    /** The deadline of a registered item after its approved extensions, in days from today. */
    static int finalDeadlineDaysFromToday(Registered registered) {
        int deadline = registered.deadlineDaysFromToday();
        Integer requested = null;
        for (Step step : registered.steps()) {
            if (step instanceof RequestExtension r) {
                requested = r.requestedDeadlineDaysFromToday();
            } else if (step instanceof ApproveExtension && requested != null) {
                deadline = requested;
                requested = null;
            }
        }
        return deadline;
    }

    /** The states in which the supervision service watches an item (assigned, its completion not accepted). */
    static final List<String> SUPERVISED_STATES = List.of("REGISTERED", "CLAIMED", "RETURNED", "IN_PROGRESS",
            "COMPLETION_REPORTED");

    /** Whether the query service lists a registered item in this state as overdue once its deadline has passed. */
    static boolean countsAsOverdue(String state) {
        return !List.of("SUBMITTED", "DECLINED", "WITHDRAWN", "CLOSED").contains(state);
    }

    /**
     * A responsible unit, as the token it works with names it: the other side than the requesters of
     * the item's list; a unit of the city (its name says 呼和浩特) in the city's region, any other in the item's region.
     */
    static Actor responsible(Item item, String unit) {
        UnitSide side = sideFilingOn(item.list()) == UnitSide.MILITARY ? UnitSide.CIVIL : UnitSide.MILITARY;
        return LocalTokens.unit(unit, side, unit.contains("呼和浩特") ? CITY_CODE : item.regionCode());
    }

    private static Registered registered(String unit, List<String> coUnits, int deadline, String quality, Step... steps) {
        return new Registered(unit, coUnits, deadline, quality, List.of(steps));
    }

    static final List<Item> ITEMS = List.of(
            // 拥军优属清单: military units ask, civil departments do
            new Item(MILITARY, "150102", "SPOUSE_EMPLOYMENT", "新城区驻军随军家属就业安置",
                    "辖区驻军部队现有随军家属12人未就业，其中大专以上学历7人。请协调区属事业单位、国有企业提供适岗岗位，并组织开展家政、电商等就业技能培训。",
                    "新城区人民武装部", "王建军", "0471-6901234",
                    registered("呼和浩特市人力资源和社会保障局", List.of("新城区人民政府"), -25,
                            "有就业意愿的随军家属安置率达到100%，岗位与本人学历专业相适应，签订正式劳动合同",
                            claim(-132),
                            progress(-115, 30, "已摸清12名随军家属就业意愿和专业特长，与区属事业单位、国有企业对接岗位18个。"),
                            obstacle(-100, "其中4个事业单位岗位需市委编办核增编制，审批周期较长，需市双拥办协调。"),
                            progress(-60, 50, "已有6人签订劳动合同上岗；家政、电商技能培训完成两期，培训42人次。"),
                            respond(-11, "NOTICE", "已逐人制定安置方案，剩余6人中3人拟安置到区属国有企业，事业单位岗位待编制核增后安置。"),
                            respond(-9, "SPECIAL", "已提请市委编办加快核增编制，区属国有企业3个岗位本月内完成招聘，每周向市双拥办报告进展。"))),
            new Item(MILITARY, "150100", "CHILDREN_EDUCATION", "驻呼部队军人子女秋季入学入托保障",
                    "驻呼部队军人子女38名需秋季入学、14名需入托。请按照就近就便、优质优先原则统筹安排学位，落实军人子女教育优待政策。",
                    "呼和浩特警备区政治工作处", "李志刚", "0471-6902156",
                    registered("呼和浩特市教育局", List.of("新城区教育局", "赛罕区教育局"), 15,
                            "符合条件的军人子女全部安排到位，入学手续一站式办理，开学前书面反馈安置名单",
                            claim(-131),
                            progress(-100, 40, "已汇总38名入学、14名入托军人子女名单，会同新城区、赛罕区教育局拟定学位安排方案。"),
                            progress(-30, 70, "已落实学位45个，入学手续一站式办理窗口开通，剩余7名入托幼儿正在协调公办园学位。"))),
            new Item(MILITARY, "150105", "MEDICAL_CARE", "开通官兵及家属就医绿色通道",
                    "请在市第一医院、内蒙古医科大学附属医院设立军人优先窗口，为支队官兵及随军家属提供挂号、检查、住院优先服务，并建立远程会诊机制。",
                    "武警呼和浩特支队", "赵海峰", "0471-6913378",
                    registered("呼和浩特市卫生健康委员会", List.of(), 45,
                            "两家医院挂牌设立军人优先窗口，优先服务制度上墙公示，每季度通报服务情况",
                            claim(-130),
                            progress(-110, 50, "市第一医院军人优先窗口已挂牌运行，内蒙古医科大学附属医院窗口正在装修。"),
                            progress(-70, 80, "两家医院优先窗口均已运行，优先服务制度上墙公示，远程会诊平台完成联调。"),
                            complete(-20, "两家医院军人优先窗口挂牌运行，优先服务制度上墙公示，远程会诊机制建立，首季度服务情况已通报。",
                                    "/evidence/medical-care/window-photos", "/evidence/medical-care/q1-report"))),
            new Item(MILITARY, "150104", "CAMP_SURROUNDINGS", "营区周边道路硬化及路灯安装",
                    "某部营区东侧进出道路约1.2公里为砂石路面，雨雪天气车辆通行困难，夜间无照明。请实施道路硬化并安装太阳能路灯。",
                    "玉泉区人民武装部", "刘永强", "0471-6924410",
                    registered("呼和浩特市住房和城乡建设局", List.of("玉泉区人民政府"), 90,
                            "道路硬化1.2公里、安装路灯40盏，工程质量验收合格，冬季前完工")),
            new Item(MILITARY, "150121", "TRAINING_SUPPORT", "民兵训练基地道路交通保障",
                    "土默特左旗民兵训练基地年度集训期间需临时交通管制和公交线路调整，并协调大型车辆通行许可。",
                    "土默特左旗人民武装部", "郝文斌", "0471-8112265",
                    registered("呼和浩特市交通运输局", List.of("土默特左旗人民政府"), -20,
                            "集训期间交通组织方案提前7天报备，运输车辆通行许可当日办结",
                            claim(-128),
                            respond(-10, "NOTICE", "集训交通组织方案已报备，公交线路调整方案正在征求意见，大型车辆通行许可已开通即报即办。"))),
            new Item(MILITARY, "150100", "PREFERENTIAL_TREATMENT", "现役军人家庭光荣牌悬挂及节日走访慰问",
                    "为全市新入伍及新迁入现役军人家庭悬挂光荣牌，春节、八一期间组织走访慰问，建立军人家庭联系卡制度。",
                    "呼和浩特警备区政治工作处", "李志刚", "0471-6902156",
                    registered("呼和浩特市退役军人事务局", List.of("各旗县区退役军人事务局"), 30,
                            "光荣牌悬挂率100%，走访慰问覆盖全部现役军人家庭，建立台账备查",
                            claim(-130),
                            progress(-90, 60, "全市新入伍及新迁入现役军人家庭光荣牌已悬挂完毕，春节走访慰问覆盖全部家庭。"),
                            complete(-45, "光荣牌悬挂率100%，春节、八一走访慰问覆盖全部现役军人家庭，军人家庭联系卡制度建立，台账齐全。",
                                    "/evidence/honor-plaques/ledger"),
                            accept(-40),
                            rate(-39, 5, "光荣牌悬挂及时，走访慰问到位，官兵家属普遍满意。"),
                            auditPassed(-38))),
            new Item(MILITARY, "150103", "SPOUSE_EMPLOYMENT", "随军家属公益性岗位托底安置",
                    "回民区驻军随军家属5人年龄偏大、就业困难，请开发社区公益性岗位予以托底安置，并落实社会保险补贴。",
                    "回民区人民武装部", "马国庆", "0471-6935521",
                    registered("呼和浩特市人力资源和社会保障局", List.of("回民区人民政府"), 5,
                            "5人全部安置到公益性岗位，社会保险补贴按月足额发放",
                            claim(-129),
                            progress(-100, 30, "已开发社区公益性岗位3个，2人上岗，社会保险补贴申报材料已报送。"),
                            requestExtension(-60, 40, "回民区新一批社区公益性岗位需待区财政年中预算调整后开发，申请延期至下季度。"),
                            approveExtension(-58),
                            progress(-20, 60, "新开发公益性岗位2个，累计4人上岗，社会保险补贴按月发放。"))),
            new Item(MILITARY, "150105", "CHILDREN_EDUCATION", "执勤中队官兵子女就近入托",
                    "支队执勤中队官兵子女6名需就近入托，驻地周边公办幼儿园学位紧张，请协调解决。",
                    "武警呼和浩特支队", "赵海峰", "0471-6913378",
                    registered("呼和浩特市教育局", List.of("赛罕区教育局"), 60,
                            "6名幼儿全部就近入托公办幼儿园，享受本地户籍同等待遇",
                            returned(-133, "执勤中队驻地及拟入托幼儿园均在赛罕区，学位调配权限在区教育局，建议由赛罕区教育局牵头办理。"),
                            reassign(-131, "赛罕区教育局", List.of()))),
            new Item(MILITARY, "150122", "CAMP_SURROUNDINGS", "营区周边环境综合整治",
                    "营区周边存在私搭乱建、垃圾堆放问题，影响营区安全和官兵生活，请组织综合整治并建立长效管护机制。",
                    "托克托县人民武装部", "张利民", "0471-8522307",
                    new FiledOnly()),
            new Item(MILITARY, "150100", "TRAINING_SUPPORT", "驻训部队临时用水用电保障",
                    "驻训部队野外驻训期间需接入临时供水管线和10千伏临时用电线路，请协调相关部门办理手续并组织施工。",
                    "呼和浩特警备区政治工作处", "周振华", "0471-6902189",
                    registered("呼和浩特市住房和城乡建设局", List.of("呼和浩特市交通运输局"), -55,
                            "驻训开始前完成临时供水、供电接入，驻训期间保障不间断",
                            claim(-127),
                            progress(-110, 20, "已完成驻训点临时供水管线路由勘察，10千伏临时用电报装手续已受理。"),
                            progress(-40, 45, "临时供水管线铺设完成一半，临时用电线路待供电公司排期施工。"))),
            new Item(MILITARY, "150123", "MEDICAL_CARE", "军人家属免费健康体检",
                    "为和林格尔县驻军随军家属及军人父母约120人提供一次免费健康体检，并建立健康档案。",
                    "和林格尔县人民武装部", "白云飞", "0471-7212840",
                    registered("呼和浩特市卫生健康委员会", List.of("和林格尔县卫生健康委员会"), 120,
                            "体检覆盖率不低于95%，体检结果一人一档，异常情况跟踪随访",
                            withdraw(-120, "部队已统一组织随军家属及军人父母健康体检，本事项不再需要地方办理。"))),
            new Item(MILITARY, "150104", "PREFERENTIAL_TREATMENT", "义务兵家庭优待金按时足额发放",
                    "部分义务兵家庭反映优待金发放不及时。请核查上一年度优待金发放情况，确保按时足额发放到位。",
                    "玉泉区人民武装部", "刘永强", "0471-6924410",
                    registered("呼和浩特市退役军人事务局", List.of("玉泉区财政局"), -30,
                            "全面核查发放台账，未发放的一个月内补发到位，书面反馈核查结果")),
            new Item(MILITARY, "150100", "PREFERENTIAL_TREATMENT", "政务服务大厅设立军人军属优先窗口",
                    "请在市、区两级政务服务大厅设立军人军属优先办理窗口，悬挂统一标识，公示优先办理事项清单，为现役军人、退役军人及其家属提供优先服务。",
                    "呼和浩特警备区政治工作处", "李志刚", "0471-6902156",
                    registered("呼和浩特市政务服务局", List.of("新城区政务服务局", "赛罕区政务服务局"), 20,
                            "市级和各旗县区政务服务大厅全部设立优先窗口，标识统一，优先办理事项清单上墙公示",
                            claim(-129),
                            progress(-110, 50, "市政务服务大厅军人军属优先窗口已设立，各旗县区正在推进。"),
                            complete(-80, "市、区两级政务服务大厅均已设立军人军属优先窗口，悬挂统一标识。",
                                    "/evidence/priority-windows/photos"),
                            accept(-75),
                            rate(-74, 4, "窗口设立及时，建议加强窗口人员政策培训。"),
                            auditFailed(-50, "抽查发现赛罕区、回民区政务服务大厅优先窗口未公示优先办理事项清单，窗口人员对军人军属优待政策不熟悉。"),
                            progressBack(-30, 80, "核查未通过，整改赛罕区、回民区优先窗口事项清单公示",
                                    "已督促各区补充公示优先办理事项清单，组织窗口人员开展优待政策培训两期。"))),
            new Item(MILITARY, "150124", "OTHER", "营区冬季供暖管网改造",
                    "清水河县某营区供暖管网老化严重，冬季室温不达标，请协调实施供暖管网改造。",
                    "清水河县人民武装部", "韩建国", "0471-7912256",
                    new Declined("经核实，该营区供暖管网属部队营房资产，按规定由部队营房部门组织改造；地方可协调供热企业提供技术支持，不列入本年度双清单。")),
            new Item(MILITARY, "150125", "TRAINING_SUPPORT", "冬季野外驻训交通运输保障",
                    "部队冬季野外驻训期间需协调大型装备公路运输通行，并对驻训地至国道连接路段开展除雪保通。",
                    "武川县人民武装部", "乔振宇", "0471-8812214",
                    registered("呼和浩特市交通运输局", List.of("武川县人民政府"), 75,
                            "装备运输通行证即报即办，降雪后24小时内完成连接路段除雪",
                            claim(-120))),
            new Item(MILITARY, "150102", "CHILDREN_EDUCATION", "军人子女中考优待政策落实",
                    "请落实军人子女中考加分及同等条件下优先录取政策，明确办理流程和所需材料。",
                    "新城区人民武装部", "王建军", "0471-6901234",
                    new FiledOnly()),

            // 拥政爱民清单: civil departments ask, military units do
            new Item(PEOPLE, "150105", "NATIONAL_DEFENSE_EDUCATION", "国防教育宣讲进社区",
                    "请组织官兵宣讲团走进赛罕区20个社区，开展国防教育专题宣讲和征兵政策宣传。",
                    "赛罕区人民政府", "陈晓燕", "0471-4932216",
                    registered("呼和浩特警备区政治工作处", List.of("赛罕区人民武装部"), 40,
                            "宣讲覆盖20个社区，每场听众不少于100人，配合完成征兵宣传任务",
                            claim(-130),
                            progress(-100, 50, "官兵宣讲团已完成10个社区的国防教育专题宣讲，听众1300余人。"),
                            complete(-50, "宣讲覆盖赛罕区20个社区，累计听众2600余人，配合完成年度征兵宣传任务。",
                                    "/evidence/defense-education/schedule", "/evidence/defense-education/photos"),
                            accept(-45),
                            rate(-44, 4, "宣讲内容贴近群众，建议明年增加进校园场次。"),
                            close(-40, "经验收合格，同意销号。"))),
            new Item(PEOPLE, "150122", "STUDENT_MILITARY_TRAINING", "县直中学新生军训承训",
                    "托克托县第一中学、第二中学高一新生约900人需开展为期7天的军训，请选派教官承担训练任务。",
                    "托克托县教育局", "杨丽华", "0471-8521180",
                    registered("托克托县人民武装部", List.of("武警呼和浩特支队"), -60,
                            "按照学生军训大纲组织训练，确保训练安全，军训结束后提交总结",
                            claim(-130),
                            progress(-115, 40, "军训教官20名已选派到位，训练计划已报县教育局备案。"),
                            obstacle(-112, "第二中学操场改造未完工，900名学生同时训练场地不足，需协调训练场地。"),
                            resolveObstacle(-105, "经县双拥办协调，县体育场供第二中学学生军训使用。"),
                            progress(-50, 80, "第一中学军训已结束，第二中学军训已完成5天，训练安全无事故。"))),
            new Item(PEOPLE, "150125", "RURAL_REVITALIZATION", "帮扶村马铃薯产销对接",
                    "武川县帮扶村马铃薯年产量约3000吨，销路不畅。请发挥部队采购优势开展产销对接，并帮助建设储藏窖。",
                    "武川县人民政府", "高志远", "0471-8811026",
                    registered("武警呼和浩特支队", List.of(), 150,
                            "年度采购帮扶村农产品不少于200吨，援建储藏窖1座",
                            returned(-134, "农产品采购须按政府采购和部队采购规定办理，产销对接应由县商务部门牵头，武警支队可配合采购。"))),
            new Item(PEOPLE, "150121", "DISASTER_RELIEF", "大黑河汛期抢险救灾联合演练",
                    "请在主汛期前组织民兵应急连与地方应急管理部门开展大黑河防汛抢险联合演练，完善军地联合指挥机制。",
                    "土默特左旗人民政府", "郭亮", "0471-8113302",
                    registered("呼和浩特警备区政治工作处", List.of("土默特左旗人民武装部"), -90,
                            "主汛期前完成联合演练一次，修订完善军地联合抢险预案")),
            new Item(PEOPLE, "150123", "MAJOR_PROJECTS", "支援和林格尔新区重点项目建设",
                    "和林格尔新区数据中心项目施工高峰期需部队机械力量支援土方作业，请研究支援方案。",
                    "和林格尔县人民政府", "孙建平", "0471-7211195",
                    new FiledOnly()),
            new Item(PEOPLE, "150103", "NATIONAL_DEFENSE_EDUCATION", "国防教育主题公园共建",
                    "回民区拟建设国防教育主题公园，请部队提供退役装备展品并参与展陈设计。",
                    "回民区人民政府", "马丽娜", "0471-6936605",
                    registered("回民区人民武装部", List.of("呼和浩特警备区政治工作处"), 100,
                            "协调退役装备展品不少于5件，展陈内容经军地双方审定",
                            claim(-128),
                            progress(-80, 60, "已协调退役装备展品6件，展陈设计方案初稿已完成。"),
                            complete(-35, "退役装备展品6件已运抵公园，展陈内容已布置完成。", "/evidence/defense-park/exhibits"),
                            reject(-30, "展陈内容未经军地双方共同审定，部分装备介绍有误，请修改后重新报送。"),
                            progress(-15, 90, "展陈内容已会同区人民武装部逐项审定并修改，待区政府组织复验。"))),
            new Item(PEOPLE, "150124", "DISASTER_RELIEF", "森林草原防灭火应急力量共建",
                    "清水河县春秋季森林草原火险等级高，请组建民兵防灭火应急分队并开展联训。",
                    "清水河县人民政府", "李红梅", "0471-7911520",
                    registered("清水河县人民武装部", List.of(), 2,
                            "组建30人民兵防灭火分队，配齐装备器材，每季度联训一次",
                            claim(-125),
                            issueNotice(-3, "NOTICE", "距完成时限不足一周，民兵防灭火分队组建尚无进度反馈，请抓紧办理并按期报送整改情况。"))),
            new Item(PEOPLE, "150100", "STUDENT_MILITARY_TRAINING", "高校学生军训教官选派",
                    "驻呼高校本年度入学新生约1.5万人需开展军训，请选派军训教官并协助制定训练计划。",
                    "呼和浩特市教育局", "王晓东", "0471-6607781",
                    registered("呼和浩特警备区政治工作处", List.of("武警呼和浩特支队"), -5,
                            "按需选派教官，训练计划提前一个月报市教育局备案，全程无安全事故",
                            claim(-126),
                            progress(-90, 50, "已选派教官120名，训练计划提前一个月报市教育局备案。"),
                            progress(-10, 90, "驻呼高校新生军训全部结束，正在整理训练总结和安全情况报告。"))),
            new Item(PEOPLE, "150104", "OTHER", "承办八一军民联欢晚会",
                    "请部队承办八一建军节军民联欢晚会，邀请驻地群众参加。",
                    "玉泉区人民政府", "杜文静", "0471-6925563",
                    new Declined("该事项属文艺活动安排，不列入年度双清单实事项目，建议纳入双拥月活动统筹安排。")));

    private DemoData() {
    }
}
