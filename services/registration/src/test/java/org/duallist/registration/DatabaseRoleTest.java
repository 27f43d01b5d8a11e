package org.duallist.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.duallist.testing.AxonTables;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.RuntimeRoleChecks;
import org.junit.jupiter.api.Test;

/**
 * The trail cannot be rewritten: with the service's own database connections, events can be appended
 * and read but not updated, deleted or truncated, and nothing in the schema can be created, altered or
 * dropped; the schema and its tables belong to registration_owner, which ran the migrations.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = DatabaseRoleTest.SCHEMA))
class DatabaseRoleTest {

    static final String SCHEMA = "registration";
    private static final Set<String> APPEND_ONLY = Set.of("SELECT", "INSERT");
    private static final Set<String> CHANGED_IN_PLACE = Set.of("SELECT", "INSERT", "UPDATE");

    @Inject
    DataSource dataSource;

    @Test
    void the_service_runs_as_its_own_role_not_as_the_owner_of_its_schema() throws Exception {
        assertThat(RuntimeRoleChecks.currentUser(dataSource)).isEqualTo(SCHEMA);
    }

    @Test
    void the_role_holds_what_the_code_needs_and_no_more() throws Exception {
        assertThat(RuntimeRoleChecks.tablePrivileges(dataSource)).isEqualTo(Map.of(
                "domainevententry", APPEND_ONLY,
                "snapshotevententry", APPEND_ONLY,
                "tokenentry", CHANGED_IN_PLACE,
                "applied_event_sequence", CHANGED_IN_PLACE,
                "idempotent_request", CHANGED_IN_PLACE,
                "task_acceptance", CHANGED_IN_PLACE,
                "flyway_schema_history", Set.of()));
    }

    @Test
    void events_and_snapshots_can_be_appended_and_read_but_not_updated_deleted_or_truncated() throws Exception {
        for (RuntimeRoleChecks.TrailRow row : AxonTables.trailRows()) {
            RuntimeRoleChecks.assertAppendOnly(dataSource, row);
        }
    }

    @Test
    void the_role_can_create_alter_or_drop_nothing_in_its_schema() throws Exception {
        RuntimeRoleChecks.assertCannotChangeSchema(dataSource, "domainevententry", DualListTestStack.ownerRole(SCHEMA));
    }

    @Test
    void the_migrated_event_store_tables_are_those_axon_creates() throws Exception {
        AxonTables.assertMigratedAsAxonCreatesThem(SCHEMA);
    }
}
