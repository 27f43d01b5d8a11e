package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.UnitSide;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static final Set<String> REGIONS = Set.of("150100", "150102", "150103", "150104", "150105", "150121",
            "150122", "150123", "150124", "150125");
    private static final Map<String, Set<String>> CATEGORIES = Map.of(
            DemoData.MILITARY, Set.of("SPOUSE_EMPLOYMENT", "CHILDREN_EDUCATION", "MEDICAL_CARE", "CAMP_SURROUNDINGS",
                    "TRAINING_SUPPORT", "PREFERENTIAL_TREATMENT", "OTHER"),
            DemoData.PEOPLE, Set.of("DISASTER_RELIEF", "NATIONAL_DEFENSE_EDUCATION", "STUDENT_MILITARY_TRAINING",
                    "RURAL_REVITALIZATION", "MAJOR_PROJECTS", "OTHER"));

    private final List<DemoData.Item> items = DemoData.ITEMS;

    @Test
    void about_two_dozen_items_on_both_lists_in_the_city_and_its_counties() {
        assertThat(items).hasSize(25);
        assertThat(items).extracting(DemoData.Item::list).contains(DemoData.MILITARY, DemoData.PEOPLE);
        assertThat(items).allSatisfy(item -> {
            assertThat(REGIONS).contains(item.regionCode());
            assertThat(CATEGORIES.get(item.list())).contains(item.category());
            assertThat(item.contactPhone()).matches("0471-\\d{7,8}");
        });
        assertThat(items).extracting(DemoData.Item::title).doesNotHaveDuplicates();
    }

    @Test
    void some_overdue_some_open_some_only_filed_and_some_declined() {
        List<DemoData.Registered> registered = items.stream().map(DemoData.Item::outcome)
                .filter(DemoData.Registered.class::isInstance).map(DemoData.Registered.class::cast).toList();
        long overdue = registered.stream().filter(r -> r.deadlineDaysFromToday() < 0).count();

        assertThat(registered).hasSize(20);
        assertThat(overdue).isBetween(6L, 9L);
        assertThat(registered).allSatisfy(r -> assertThat(r.deadlineDaysFromToday()).isGreaterThan(-140));
        assertThat(items.stream().filter(i -> i.outcome() instanceof DemoData.FiledOnly).count()).isEqualTo(3);
        assertThat(items.stream().filter(i -> i.outcome() instanceof DemoData.Declined).count()).isEqualTo(2);
    }

    @Test
    void each_item_is_filed_by_a_unit_of_its_lists_side_in_its_region() {
        assertThat(items).allSatisfy(item -> {
            Actor requester = DemoData.requester(item);
            assertThat(requester.role()).isEqualTo(ActorRole.UNIT);
            assertThat(requester.unit()).isEqualTo(item.requesterUnit());
            assertThat(requester.side().filesOn().name()).isEqualTo(item.list());
            assertThat(requester.covers(item.regionCode())).isTrue();
            assertThat(LocalTokens.office(DemoData.CITY_CODE).covers(item.regionCode())).isTrue();
        });
    }

    @Test
    void the_demo_tokens_are_of_users_the_demo_knows() {
        assertThat(DemoData.ACTORS).extracting(a -> a.actor().role())
                .containsExactly(ActorRole.OFFICE, ActorRole.LEADER, ActorRole.LEADER, ActorRole.UNIT, ActorRole.UNIT);
        assertThat(DemoData.ACTORS).extracting(a -> a.actor().region())
                .containsExactly("150100", "150100", "150000", "150100", "150100");
        assertThat(DemoData.ACTORS.get(0).label()).isEqualTo("office 150100 呼和浩特市双拥办");
        assertThat(DemoData.ACTORS.get(0).actor().user()).isEqualTo("office-150100");
        assertThat(items).anySatisfy(item -> {
            assertThat(item.list()).isEqualTo(DemoData.MILITARY);
            assertThat(item.requesterUnit()).isEqualTo(DemoData.MILITARY_REQUESTER);
        });
        assertThat(items).anySatisfy(item -> assertThat(item.outcome()).isInstanceOfSatisfying(DemoData.Registered.class,
                r -> assertThat(r.responsibleUnit()).isEqualTo(DemoData.CIVIL_RESPONSIBLE)));
        assertThat(DemoData.ACTORS.get(3).actor().side()).isEqualTo(UnitSide.MILITARY);
        assertThat(DemoData.ACTORS.get(4).actor().side()).isEqualTo(UnitSide.CIVIL);
    }

    @Test
    void the_demo_holds_items_in_every_state() {
        Map<String, Long> byState = items.stream()
                .collect(Collectors.groupingBy(DemoData::finalState, LinkedHashMap::new, Collectors.counting()));

        assertThat(byState).containsOnlyKeys(DemoData.STATES);
        assertThat(byState).containsEntry("SUBMITTED", 3L).containsEntry("DECLINED", 2L);
        assertThat(byState.get("IN_PROGRESS")).isGreaterThanOrEqualTo(3L);
        assertThat(byState.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(25);
    }

    @Test
    void about_seven_overdue_some_of_them_in_progress() {
        List<DemoData.Item> overdue = items.stream()
                .filter(item -> item.outcome() instanceof DemoData.Registered r
                        && DemoData.finalDeadlineDaysFromToday(r) < 0
                        && DemoData.countsAsOverdue(DemoData.finalState(item)))
                .toList();

        assertThat(overdue).hasSizeBetween(6, 9);
        assertThat(overdue).extracting(DemoData::finalState).contains("REGISTERED", "CLAIMED")
                .filteredOn("IN_PROGRESS"::equals).hasSizeGreaterThanOrEqualTo(2);
        // nothing done or closed is overdue: the overdue list shows work that is late
        assertThat(overdue).extracting(DemoData::finalState).doesNotContain("COMPLETION_REPORTED", "ACCEPTED");
    }

    @Test
    void the_journeys_show_each_kind_of_step() {
        List<DemoData.Registered> registered = registered();
        // returned and reassigned to another unit
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).hasAtLeastOneElementOfType(DemoData.Return.class)
                .hasAtLeastOneElementOfType(DemoData.Reassign.class));
        // returned and left for the office to reassign
        assertThat(items).anySatisfy(item -> assertThat(DemoData.finalState(item)).isEqualTo("RETURNED"));
        // in progress with an obstacle still open, and another whose obstacle was resolved
        assertThat(registered).anySatisfy(r -> assertThat(openObstacles(r)).isPositive());
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).hasAtLeastOneElementOfType(DemoData.ResolveObstacle.class));
        // an approved extension that moved the deadline
        assertThat(registered).anySatisfy(r -> {
            assertThat(r.steps()).hasAtLeastOneElementOfType(DemoData.ApproveExtension.class);
            assertThat(DemoData.finalDeadlineDaysFromToday(r)).isGreaterThan(r.deadlineDaysFromToday());
        });
        // rejected once, then work went on
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).hasAtLeastOneElementOfType(DemoData.Reject.class));
        // every accepted or closed item was rated
        assertThat(registered).filteredOn(r -> r.steps().stream().anyMatch(DemoData.Accept.class::isInstance))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.steps()).hasAtLeastOneElementOfType(DemoData.Rate.class));
    }

    @Test
    void every_journey_is_one_the_services_accept() {
        assertThat(registered()).allSatisfy(r -> {
            String state = "REGISTERED";
            int previousDay = -138; // the last registration is 140 days ago plus 46 hours
            int percent = 0;
            int obstacles = 0;
            int deadline = r.deadlineDaysFromToday();
            for (DemoData.Step step : r.steps()) {
                assertThat(step.day()).as("days in order, after registration, before today").isGreaterThan(previousDay).isNegative();
                previousDay = step.day();
                state = DemoData.stateAfter(state, step); // throws for a step the state does not allow
                if (step instanceof DemoData.Progress p) {
                    assertThat(p.percent()).as("progress goes back only with a reason")
                            .isBetween(p.decreaseReason() == null ? percent : 0, 100);
                    percent = p.percent();
                } else if (step instanceof DemoData.Obstacle) {
                    obstacles++;
                } else if (step instanceof DemoData.ResolveObstacle) {
                    assertThat(obstacles).as("an open obstacle to resolve").isPositive();
                    obstacles--;
                } else if (step instanceof DemoData.RequestExtension e) {
                    assertThat(step.day()).as("asked before the deadline").isLessThanOrEqualTo(deadline);
                    assertThat(e.requestedDeadlineDaysFromToday()).isGreaterThan(deadline);
                    deadline = e.requestedDeadlineDaysFromToday();
                } else if (step instanceof DemoData.Accept) {
                    percent = 100; // an accepted completion stands at 100%, also after a reopening
                } else if (step instanceof DemoData.Complete c) {
                    assertThat(c.evidenceLinks()).isNotEmpty().allMatch(link -> link.startsWith("/"));
                } else if (step instanceof DemoData.Rate rate) {
                    assertThat(rate.score()).isBetween(1, 5);
                } else if (step instanceof DemoData.Reassign reassign) {
                    assertThat(reassign.responsibleUnit()).isNotEqualTo(r.responsibleUnit());
                    assertThat(reassign.coUnits()).doesNotContain(reassign.responsibleUnit());
                }
            }
        });
        assertThat(DemoData.stateAfter("REGISTERED", new DemoData.Claim(-1))).isEqualTo("CLAIMED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoData.stateAfter("REGISTERED", new DemoData.Accept(-1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_journeys_show_supervision_at_work() {
        List<DemoData.Registered> registered = registered();
        // a rectification response on time and one late (the reply date of a 督办 is 5 days after it, 7 days after the deadline)
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).anySatisfy(step -> assertThat(step)
                .isInstanceOfSatisfying(DemoData.Respond.class, respond -> {
                    assertThat(respond.grade()).isEqualTo("NOTICE");
                    assertThat(respond.day()).isLessThanOrEqualTo(r.deadlineDaysFromToday() + 7 + 5);
                })));
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).anySatisfy(step -> assertThat(step)
                .isInstanceOfSatisfying(DemoData.Respond.class, respond -> {
                    assertThat(respond.grade()).isEqualTo("NOTICE");
                    assertThat(respond.day()).isGreaterThan(r.deadlineDaysFromToday() + 7 + 5);
                })));
        // a notice by hand before the deadline, on a task nobody reported progress on
        assertThat(registered).anySatisfy(r -> assertThat(r.steps()).anySatisfy(step -> assertThat(step)
                .isInstanceOfSatisfying(DemoData.IssueNotice.class,
                        notice -> assertThat(notice.day()).isLessThan(r.deadlineDaysFromToday()))));
        // an audit passed, and one failed after which the work went on (重新办理)
        assertThat(registered).anySatisfy(r -> assertThat(r.steps())
                .anySatisfy(step -> assertThat(step).isEqualTo(new DemoData.Audit(step.day(), true, null))));
        assertThat(items).anySatisfy(item -> {
            assertThat(item.outcome()).isInstanceOfSatisfying(DemoData.Registered.class, r -> assertThat(r.steps())
                    .anySatisfy(step -> assertThat(step).isInstanceOfSatisfying(DemoData.Audit.class, audit -> {
                        assertThat(audit.passed()).isFalse();
                        assertThat(audit.findings()).isNotBlank();
                    })));
            assertThat(DemoData.finalState(item)).isEqualTo("IN_PROGRESS");
        });
        assertThatThrownBy(() -> DemoData.stateAfter("COMPLETION_REPORTED", new DemoData.Audit(-1, false, "x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemoData.stateAfter("CLOSED", new DemoData.Respond(-1, "NOTICE", "x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void responsible_units_work_on_the_other_side_than_the_requesters() {
        assertThat(items).filteredOn(item -> item.outcome() instanceof DemoData.Registered).allSatisfy(item -> {
            DemoData.Registered r = (DemoData.Registered) item.outcome();
            Actor responsible = DemoData.responsible(item, r.responsibleUnit());
            assertThat(responsible.role()).isEqualTo(ActorRole.UNIT);
            assertThat(responsible.unit()).isEqualTo(r.responsibleUnit());
            assertThat(responsible.side()).isNotEqualTo(DemoData.requester(item).side());
            assertThat(responsible.region()).isIn(DemoData.CITY_CODE, item.regionCode());
        });
        DemoData.Item education = items.stream().filter(i -> i.title().equals("驻呼部队军人子女秋季入学入托保障")).findFirst().orElseThrow();
        assertThat(DemoData.responsible(education, DemoData.CIVIL_RESPONSIBLE))
                .isEqualTo(DemoData.ACTORS.get(4).actor());
    }

    @Test
    void the_summary_names_the_region_and_counts_each_state() {
        Map<String, Integer> byState = Map.of("SUBMITTED", 3, "DECLINED", 2, "REGISTERED", 4, "CLAIMED", 3, "RETURNED", 1,
                "WITHDRAWN", 1, "IN_PROGRESS", 7, "COMPLETION_REPORTED", 1, "ACCEPTED", 1, "CLOSED", 1);
        assertThat(new DemoLoader.Summary(byState, 7).line())
                .isEqualTo("Demo: 呼和浩特市 region 150100 — 24 tasks: 3 SUBMITTED, 2 DECLINED, 4 REGISTERED, 3 CLAIMED, "
                        + "1 RETURNED, 1 WITHDRAWN, 7 IN_PROGRESS, 1 COMPLETION_REPORTED, 1 ACCEPTED, 1 CLOSED (7 overdue)")
                .containsPattern("region [0-9]{6}");
        assertThat(new DemoLoader.Summary(Map.of("SUBMITTED", 3, "ACCEPTED", 2), 0).line())
                .isEqualTo("Demo: 呼和浩特市 region 150100 — 5 tasks: 3 SUBMITTED, 2 ACCEPTED (0 overdue)");
        assertThat(new DemoLoader.Summary(Map.of("SUBMITTED", 3, "ACCEPTED", 2), 0).supervisionLine()).isNull();
        assertThat(new DemoLoader.Summary(byState, 7, Map.of("RED", 7, "GREEN", 9), Map.of("REFERRAL", 4, "NOTICE", 2))
                .supervisionLine())
                .isEqualTo("Supervision: lights 7 RED, 0 YELLOW, 9 GREEN; highest notice 0 REMINDER, 2 NOTICE, 0 SPECIAL, 4 REFERRAL");
    }

    private List<DemoData.Registered> registered() {
        return items.stream().map(DemoData.Item::outcome)
                .filter(DemoData.Registered.class::isInstance).map(DemoData.Registered.class::cast).toList();
    }

    private static int openObstacles(DemoData.Registered r) {
        Map<Class<?>, Long> counts = r.steps().stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        return (int) (counts.getOrDefault(DemoData.Obstacle.class, 0L) - counts.getOrDefault(DemoData.ResolveObstacle.class, 0L));
    }
}
