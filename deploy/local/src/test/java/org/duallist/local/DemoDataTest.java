package org.duallist.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertThat(items).hasSize(24);
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

        assertThat(registered).hasSize(19);
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
    void the_summary_names_the_region() {
        assertThat(new DemoLoader.Summary(24, 19, 7, 2).line())
                .isEqualTo("Demo: 呼和浩特市 region 150100 — 24 tasks filed, 19 registered (7 overdue), 2 declined")
                .containsPattern("region [0-9]{6}");
    }
}
