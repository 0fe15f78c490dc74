package io.parzen.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleIncludesTheOnesBelowItOnly() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    }

    @Test
    void theHighestRoleOfTheGroupsCountsAndOtherGroupsAreIgnored() {
        assertThat(Role.highestOf(List.of("viewer", "operator"))).contains(Role.OPERATOR);
        assertThat(Role.highestOf(List.of("staff", "admin"))).contains(Role.ADMIN);
        assertThat(Role.highestOf(List.of("staff", "Admin"))).isEmpty();
        assertThat(Role.highestOf(Set.of())).isEmpty();
    }

    @Test
    void anAdminSeesEveryProjectOthersOnlyTheirsAndNobodyButAdminAnUnknownOne() {
        Caller admin = new Caller("a", Role.ADMIN, Set.of());
        Caller op = new Caller("o", Role.OPERATOR, Set.of("default", "vision"));
        assertThat(admin.maySee("anything")).isTrue();
        assertThat(admin.maySee(null)).isTrue();
        assertThat(op.maySee("vision")).isTrue();
        assertThat(op.maySee("nlp")).isFalse();
        assertThat(op.maySee(null)).isFalse();
        assertThat(op.projectList()).isEqualTo("[default, vision]");
    }

    @Test
    void projectNamesFollowTheDocumentedRule() {
        assertThat(ProjectNames.isValid("default")).isTrue();
        assertThat(ProjectNames.isValid("team-a_v1.2")).isTrue();
        assertThat(ProjectNames.isValid("a".repeat(63))).isTrue();
        assertThat(ProjectNames.isValid("a".repeat(64))).isFalse();
        assertThat(ProjectNames.isValid("")).isFalse();
        assertThat(ProjectNames.isValid("-a")).isFalse();
        assertThat(ProjectNames.isValid("Team")).isFalse();
        assertThat(ProjectNames.isValid("a b")).isFalse();
        assertThat(ProjectNames.isValid("a/b")).isFalse();
        assertThat(ProjectNames.orDefault(null)).isEqualTo("default");
        assertThat(ProjectNames.orDefault("x")).isEqualTo("x");
    }

    @Test
    void theProjectsClaimIsReadAsAnArrayOrAStringAndInvalidNamesAreDropped() {
        jakarta.json.JsonArray array = jakarta.json.Json.createArrayBuilder().add("default").add("Bad Name").add("x")
                .build();
        assertThat(CurrentCaller.projects(array)).containsExactly("default", "x");
        assertThat(CurrentCaller.projects(jakarta.json.Json.createValue("solo"))).containsExactly("solo");
        assertThat(CurrentCaller.projects(null)).isEmpty();
    }

    @Test
    void anAuditLineIsOneJsonObjectWithoutNulls() {
        assertThat(AuditLog.line(new AuditEntry("alice", "default", "stop", "t1", "ok", null)))
                .isEqualTo("{\"subject\":\"alice\",\"project\":\"default\",\"action\":\"stop\",\"taskId\":\"t1\","
                        + "\"outcome\":\"ok\"}");
    }

    @Test
    void theTaskOfAnExecutionIsItsIdWithoutTheSequenceNumber() {
        assertThat(AuthExceptionMappers.taskOfExecution("3f1c-aa-12")).isEqualTo("3f1c-aa");
    }
}
