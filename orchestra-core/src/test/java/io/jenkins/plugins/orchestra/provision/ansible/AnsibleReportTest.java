package io.jenkins.plugins.orchestra.provision.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.provision.ansible.AnsibleReport.HostStats;
import io.jenkins.plugins.orchestra.provision.ansible.AnsibleReport.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Ansible's JSON callback report, recorded from real ansible-playbook runs (ansible-core 2.14). */
class AnsibleReportTest {
    private static String fixture(String name) throws IOException {
        try (InputStream in = AnsibleReportTest.class.getResourceAsStream("/provision/ansible/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsPerHostCountsAndWhyEachBadHostStopped() throws IOException {
        AnsibleReport r = AnsibleReport.parse(fixture("ansible-json-failed-and-unreachable-hosts.json"));

        assertThat(r.hosts())
                .containsEntry("web1", new HostStats(1, 1, 0, 0, 2, 0, 0))
                .containsEntry("web2", new HostStats(1, 0, 0, 1, 0, 0, 0))
                .containsEntry("web3", new HostStats(0, 0, 1, 0, 0, 0, 0));
        assertThat(r.badHosts()).containsExactly("web2", "web3");
        assertThat(r.problems())
                .containsExactly(
                        new Problem("web2", "fail on web2", "non-zero return code: disk full", false),
                        new Problem(
                                "web3",
                                "create the release directory",
                                "Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1:"
                                        + " Connection refused",
                                true));
        assertThat(r.totals()).isEqualTo(new HostStats(2, 1, 1, 1, 2, 0, 0));
    }

    @Test
    void countsIgnoredAndRescuedFailuresWithoutReportingThem() throws IOException {
        AnsibleReport r = AnsibleReport.parse(fixture("ansible-json-ignored-and-rescued-failures.json"));

        assertThat(r.hosts()).containsEntry("db1", new HostStats(2, 1, 0, 0, 0, 1, 1));
        assertThat(r.problems()).isEmpty();
        assertThat(r.badHosts()).isEmpty();
    }

    @Test
    void printsThePlayRecapAsATable() throws IOException {
        AnsibleReport r = AnsibleReport.parse(fixture("ansible-json-failed-and-unreachable-hosts.json"));

        assertThat(r.table())
                .containsExactly(
                        "HOST  OK  CHANGED  UNREACHABLE  FAILED  SKIPPED  RESCUED  IGNORED",
                        "web1   1        1            0       0        2        0        0",
                        "web2   1        0            0       1        0        0        0",
                        "web3   0        0            1       0        0        0        0");
        assertThat(r.problems().get(0).toString())
                .isEqualTo("web2: failed at task 'fail on web2': non-zero return code: disk full");
    }

    @Test
    void skipsLinesBeforeTheReport() throws IOException {
        AnsibleReport r = AnsibleReport.parse(
                "a plugin printed this\n" + fixture("ansible-json-ignored-and-rescued-failures.json"));

        assertThat(r.hosts()).containsOnlyKeys("db1");
    }

    @Test
    void refusesOutputWithoutAReport() {
        assertThatThrownBy(() -> AnsibleReport.parse("PLAY [all] ****"))
                .hasMessage("no JSON report on standard output");
        assertThatThrownBy(() -> AnsibleReport.parse("{\"plays\": []}")).hasMessage("the JSON report has no stats");
    }
}
