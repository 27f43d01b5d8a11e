package org.duallist.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.RuntimeRoleChecks;
import org.duallist.testing.RuntimeRoleChecks.TrailRow;
import org.junit.jupiter.api.Test;

/**
 * The trail cannot be rewritten here either: with the query service's own database connections, the
 * task history (the audit trail), the office's audits and the registered webhooks can be appended to
 * and read but not updated, deleted or truncated, and nothing in the schema can be created, altered
 * or dropped; the schema and its tables belong to query_owner, which ran the migrations.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = DatabaseRoleTest.SCHEMA))
class DatabaseRoleTest {

    static final String SCHEMA = "query";
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
                "task_history_entry", APPEND_ONLY,
                "task_audit", APPEND_ONLY,
                "webhook", APPEND_ONLY,
                "task", CHANGED_IN_PLACE,
                "task_period", CHANGED_IN_PLACE,
                "supervision_notice", CHANGED_IN_PLACE,
                "webhook_delivery", CHANGED_IN_PLACE,
                "applied_event_sequence", CHANGED_IN_PLACE,
                "task_co_unit", Set.of("SELECT", "INSERT", "UPDATE", "DELETE"),
                "flyway_schema_history", Set.of()));
    }

    @Test
    void the_task_history_can_be_appended_and_read_but_not_updated_deleted_or_truncated() throws Exception {
        String eventId = "privilege-check-" + UUID.randomUUID();
        RuntimeRoleChecks.assertAppendOnly(dataSource, new TrailRow("task_history_entry", "details",
                "event_id = '" + eventId + "'",
                "INSERT INTO task_history_entry (task_id, event_id, source, sequence, type, label, occurred_at, details,"
                        + " details_revision) VALUES ('" + UUID.randomUUID() + "', '" + eventId + "', '/dual-list/registration', 1,"
                        + " 'TaskFiled', '提报', now(), '{}', 1)"));
    }

    @Test
    void audits_can_be_appended_and_read_but_not_updated_deleted_or_truncated() throws Exception {
        UUID taskId = UUID.randomUUID();
        UUID auditId = UUID.randomUUID();
        RuntimeRoleChecks.assertAppendOnly(dataSource, new TrailRow("task_audit", "findings",
                "audit_id = '" + auditId + "'",
                "INSERT INTO task (id, list, region_code, city_prefix, province_prefix, year, title, content, category,"
                        + " requester_unit, status, filed_at, updated_at) VALUES ('" + taskId + "', 'SUPPORT_THE_MILITARY',"
                        + " '150102', '1501', '15', 2026, '权限检查', '权限检查', 'EDUCATION', '权限检查单位', 'CLOSED', now(), now())",
                "INSERT INTO task_audit (audit_id, task_id, outcome, findings, audited_at, auditor) VALUES ('" + auditId
                        + "', '" + taskId + "', 'PASSED', '属实', now(), 'office')"));
    }

    @Test
    void webhooks_can_be_registered_and_read_but_not_updated_deleted_or_truncated() throws Exception {
        UUID webhookId = UUID.randomUUID();
        RuntimeRoleChecks.assertAppendOnly(dataSource, new TrailRow("webhook", "url",
                "id = '" + webhookId + "'",
                "INSERT INTO webhook (id, region_code, unit, url, secret, created_by, created_at) VALUES ('" + webhookId
                        + "', '150102', '权限检查单位', 'http://127.0.0.1:9/hook', 'secret', 'office', now())"));
    }

    @Test
    void the_role_can_create_alter_or_drop_nothing_in_its_schema() throws Exception {
        RuntimeRoleChecks.assertCannotChangeSchema(dataSource, "task_history_entry", DualListTestStack.ownerRole(SCHEMA));
    }
}
