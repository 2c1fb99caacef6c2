package io.jenkins.plugins.orchestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static Message message(RunContext run, String title, String body) {
        return new Message(
                "ops",
                "failure@Test",
                "shop#7 ops failure@Test",
                run,
                title == null ? null : MessageTemplate.parse("title", title),
                body == null ? null : MessageTemplate.parse("message", body),
                20,
                UnaryOperator.identity());
    }

    @Test
    void defaultTitleSaysWhatHappenedForEachOutcome() {
        assertThat(message(TestRuns.succeeded(), null, null).title(Format.TEXT)).isEqualTo("✅ shop #7 succeeded");
        assertThat(message(TestRuns.succeeded(Optional.of(Outcome.FAILURE)), null, null)
                        .title(Format.TEXT))
                .isEqualTo("✅ shop #7 is fixed");
        assertThat(message(TestRuns.failed(Optional.of(Outcome.SUCCESS), List.of()), null, null)
                        .title(Format.TEXT))
                .isEqualTo("❌ shop #7 failed in stage Test");
        assertThat(message(TestRuns.failed(Optional.of(Outcome.FAILURE), List.of()), null, null)
                        .title(Format.TEXT))
                .isEqualTo("❌ shop #7 is still failing in stage Test");
    }

    @Test
    void defaultBodyOfAFailureHasTheFailingStageItsErrorAndTheTailOfItsLog() {
        RunContext run =
                TestRuns.failed(Optional.empty(), List.of("compiling", "CartTest > total FAILED", "BUILD FAILED"));
        assertThat(message(run, null, null).body(Format.TEXT))
                .isEqualTo(
                        """
                        Duration: 1m15s
                        Run: https://ci.example.com/job/shop/7/

                        Stage Test failed: script returned exit code 1

                        Last lines of its log:
                        compiling
                        CartTest > total FAILED
                        BUILD FAILED

                        Stages:
                          ✅ Build  SUCCESS  20.0s
                          ❌ Test  FAILURE  55.0s  script returned exit code 1
                          ⏭️ Deploy  SKIPPED  0ms""");
    }

    @Test
    void defaultBodyOfASuccessIsShortWithVersionTargetAndChanges() {
        assertThat(message(TestRuns.succeeded(), null, null).body(Format.TEXT))
                .isEqualTo(
                        """
                        Version: 1.4.2
                        Target: production
                        Duration: 1m23s
                        Run: https://ci.example.com/job/shop/7/

                        Changes:
                          01234567 Fix the cart total (Ada)""");
    }

    @Test
    void slackBodyEscapesValuesButKeepsItsOwnLinkMarkup() {
        RunContext run = TestRuns.failed(Optional.empty(), List.of("expected <3> & got <4>"));
        String body = message(run, null, null).body(Format.SLACK);
        assertThat(body)
                .contains("<https://ci.example.com/job/shop/7/|Open run>")
                .contains("```\nexpected &lt;3&gt; &amp; got &lt;4&gt;\n```")
                .contains("Stage *Test* failed: script returned exit code 1");
    }

    @Test
    void htmlBodyEscapesTheLogAndAUserMessageAsAWhole() {
        RunContext run = TestRuns.failed(Optional.empty(), List.of("<script>alert(1)</script>"));
        assertThat(message(run, null, null).body(Format.HTML))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(message(run, null, "<b>{{status}}</b>").body(Format.HTML))
                .isEqualTo("<div style=\"white-space: pre-wrap\">&lt;b&gt;FAILURE&lt;/b&gt;</div>");
    }

    @Test
    void dollarBraceTemplatesWorkAsUsersWriteThemInSingleQuotedGroovyStrings() {
        Message m = message(TestRuns.succeeded(), null, "Deployed ${version} to ${target} in ${duration}");
        assertThat(m.body(Format.TEXT)).isEqualTo("Deployed 1.4.2 to production in 1m23s");
    }

    @Test
    void anUnknownVariableIsAnErrorNamingItAndTheClosestName() {
        Message m = message(TestRuns.succeeded(), null, "Deployed {{verison}}");
        assertThatThrownBy(() -> m.body(Format.TEXT))
                .isInstanceOf(NotifyException.class)
                .hasMessage("message: no variable 'verison' on line 1 (did you mean 'version'?)");
    }

    @Test
    void aTemplateThatDoesNotParseIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> MessageTemplate.parse("message", "line one\n{{#stages}} unclosed"))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("message is not a valid template: ")
                .hasMessageContaining("stages");
    }

    @Test
    void theTitleIsOneLineWhateverTheTemplate() {
        assertThat(message(TestRuns.succeeded(), "{{run}}\n  is\n{{status}}", null)
                        .title(Format.TEXT))
                .isEqualTo("shop #7 is SUCCESS");
    }

    @Test
    void everyValueIsMaskedBeforeEscapingSoNoFormatHidesASecretFromTheMasker() {
        String secret = "p<a&ss>";
        RunContext run = TestRuns.failed(Optional.empty(), List.of("login with " + secret));
        Message m = new Message("ops", "e", "k", run, null, null, 20, s -> s.replace(secret, "****"));
        for (Format f : List.of(Format.TEXT, Format.MARKDOWN, Format.SLACK, Format.HTML)) {
            assertThat(m.body(f)).contains("login with ****").doesNotContain("p&lt;a");
        }
        assertThat(m.logTail()).containsExactly("login with ****"); // Teams shows it as a card element
    }
}
