package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlanParserTest {
    /** What the Groovy glue passes for a closure. */
    private record ClosureMarker() {}

    private static final Object CLOSURE = new ClosureMarker();

    // ---------------------------------------------------------------- happy paths

    @Nested
    class Accepts {
        @Test
        void planOptionsAndStagesInTheOrderWritten() {
            Plan plan = PlanParser.parse(
                    "release",
                    map("maxParallel", 4, "failFast", true),
                    List.of(stage(1, "db"), stage(2, "deploy", "needs", List.of("db"))));

            assertThat(plan.name()).isEqualTo("release");
            assertThat(plan.maxParallel()).isEqualTo(4);
            assertThat(plan.failFast()).isTrue();
            assertThat(plan.stages()).extracting(StageSpec::name).containsExactly("db", "deploy");
            assertThat(plan.stage("deploy").needs()).containsExactly("db");
        }

        @Test
        void noOptionsAsUnlimitedAndNotFailFast() {
            Plan plan = PlanParser.parse("release", null, List.of(new StageDeclaration("db", null)));

            assertThat(plan.maxParallel()).isEqualTo(Plan.UNLIMITED);
            assertThat(plan.failFast()).isFalse();
            assertThat(plan.stage("db")).isEqualTo(StageSpec.of("db"));
        }

        @Test
        void needsAsOneNameOrAList() {
            Plan plan = parse(stage(1, "a"), stage(2, "b", "needs", "a"), stage(3, "c", "needs", List.of("a", "b")));

            assertThat(plan.stage("b").needs()).containsExactly("a");
            assertThat(plan.stage("c").needs()).containsExactly("a", "b");
        }

        @Test
        void whenAsTriggerName() {
            Plan plan = parse(stage(1, "a"), stage(2, "b", "needs", "a", "when", "always"));

            assertThat(plan.stage("b").when()).isEqualTo(When.of(When.Trigger.ALWAYS));
        }

        @Test
        void whenAsMapWithTriggerAndCondition() {
            Plan plan = parse(
                    stage(1, "a"),
                    stage(2, "b", "needs", "a", "when", map("trigger", "failure", "condition", "env.X == '1'")));

            assertThat(plan.stage("b").when()).isEqualTo(new When(When.Trigger.FAILURE, Optional.of("env.X == '1'")));
        }

        @Test
        void whenAsMapWithOnlyACondition() {
            Plan plan = parse(stage(1, "a", "when", map("condition", "params.DEPLOY")));

            assertThat(plan.stage("a").when()).isEqualTo(new When(When.Trigger.SUCCESS, Optional.of("params.DEPLOY")));
        }

        @Test
        void retryAsACountThatRetriesAtOnce() {
            Plan plan = parse(stage(1, "a", "retry", 3));

            assertThat(plan.stage("a").retry()).isEqualTo(RetryPolicy.of(3, Duration.ZERO));
        }

        @Test
        void retryAsAMapWithEveryKey() {
            Plan plan = parse(stage(
                    1,
                    "a",
                    "retry",
                    map(
                            "count",
                            2,
                            "backoff",
                            "10s",
                            "maxBackoff",
                            "1m",
                            "multiplier",
                            new BigDecimal("1.5"),
                            "jitter",
                            0.25,
                            "on",
                            List.of("error", "infrastructure"))));

            assertThat(plan.stage("a").retry())
                    .isEqualTo(new RetryPolicy(
                            2,
                            Duration.ofSeconds(10),
                            Duration.ofMinutes(1),
                            1.5,
                            0.25,
                            EnumSet.of(FailureKind.ERROR, FailureKind.INFRASTRUCTURE)));
        }

        @Test
        void retryAsAMapWithOnlyACountAndOneFailureKind() {
            Plan plan = parse(stage(1, "a", "retry", map("count", 2, "on", "timeout")));

            assertThat(plan.stage("a").retry())
                    .isEqualTo(new RetryPolicy(
                            2, Duration.ZERO, Duration.ofMinutes(5), 2.0, 0, EnumSet.of(FailureKind.TIMEOUT)));
        }

        @Test
        void retryBackoffLongerThanTheDefaultMaximumAsItsOwnMaximum() {
            Plan plan = parse(stage(1, "a", "retry", map("count", 2, "backoff", "10m")));

            assertThat(plan.stage("a").retry().maxBackoff()).isEqualTo(Duration.ofMinutes(10));
            assertThat(plan.stage("a").retry().on()).isEqualTo(RetryPolicy.DEFAULT_ON);
        }

        @Test
        void timeoutAsDurationIsoDurationOrSeconds() {
            Plan plan = parse(
                    stage(1, "a", "timeout", "10s"),
                    stage(2, "b", "timeout", "1h30m"),
                    stage(3, "c", "timeout", "PT10S"),
                    stage(4, "d", "timeout", 30),
                    stage(5, "e", "timeout", 30L));

            assertThat(plan.stages())
                    .extracting(s -> s.timeout().orElseThrow())
                    .containsExactly(
                            Duration.ofSeconds(10),
                            Duration.ofMinutes(90),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(30));
        }

        @Test
        void wholeNumbersWrittenAsDecimalsOrLongs() {
            Plan plan = PlanParser.parse(
                    "release",
                    map("maxParallel", new BigDecimal("2.0")),
                    List.of(stage(1, "a", "retry", 2L, "timeout", 1.0e2)));

            assertThat(plan.maxParallel()).isEqualTo(2);
            assertThat(plan.stage("a").retry().count()).isEqualTo(2);
            assertThat(plan.stage("a").timeout()).contains(Duration.ofSeconds(100));
        }

        @Test
        void everyFailurePolicyByItsUserName() {
            Plan plan = parse(
                    stage(1, "a", "failurePolicy", "haltPipeline"),
                    stage(2, "b", "failurePolicy", "haltBranch"),
                    stage(3, "c", "failurePolicy", "ignore"));

            assertThat(plan.stages())
                    .extracting(StageSpec::failurePolicy)
                    .containsExactly(FailurePolicy.HALT_PIPELINE, FailurePolicy.HALT_BRANCH, FailurePolicy.IGNORE);
        }

        @Test
        void rollbackAsClosureOrBoolean() {
            Plan plan = parse(
                    stage(1, "a", "rollback", CLOSURE),
                    stage(2, "b", "rollback", true),
                    stage(3, "c", "rollback", false),
                    stage(4, "d"));

            assertThat(plan.stages()).extracting(StageSpec::rollback).containsExactly(true, true, false, false);
        }

        @Test
        void approvalAsTrueMessageFalseOrMap() {
            Plan plan = parse(
                    stage(1, "a", "approval", true),
                    stage(2, "b", "approval", "Ship it?"),
                    stage(3, "c", "approval", false),
                    stage(
                            4,
                            "d",
                            "approval",
                            map(
                                    "approvers", List.of("alice", "bob"),
                                    "quorum", 2,
                                    "timeout", "1h",
                                    "onTimeout", "skip",
                                    "message", "Deploy to prod?")),
                    stage(5, "e", "approval", map("approvers", "carol")));

            assertThat(plan.stage("a").approval()).contains(ApprovalSpec.anyone());
            assertThat(plan.stage("b").approval())
                    .contains(new ApprovalSpec(
                            List.of(), 1, Optional.empty(), ApprovalSpec.OnTimeout.REJECT, "Ship it?"));
            assertThat(plan.stage("c").approval()).isEmpty();
            assertThat(plan.stage("d").approval())
                    .contains(new ApprovalSpec(
                            List.of("alice", "bob"),
                            2,
                            Optional.of(Duration.ofHours(1)),
                            ApprovalSpec.OnTimeout.SKIP,
                            "Deploy to prod?"));
            assertThat(plan.stage("e").approval().orElseThrow().approvers()).containsExactly("carol");
        }

        @Test
        void lockFinallyAndOutputs() {
            Plan plan = parse(
                    stage(1, "a", "lock", "staging-db", "outputs", "url"),
                    stage(2, "b", "outputs", List.of("host", "port")),
                    stage(3, "cleanup", "finally", true));

            assertThat(plan.stage("a").lock()).contains("staging-db");
            assertThat(plan.stage("a").outputs()).containsExactly("url");
            assertThat(plan.stage("b").outputs()).containsExactly("host", "port");
            assertThat(plan.stage("cleanup").isFinally()).isTrue();
        }

        @Test
        void finallyStagesThatNeedFinallyStages() {
            Plan plan =
                    parse(stage(1, "report", "finally", true), stage(2, "cleanup", "finally", true, "needs", "report"));

            assertThat(plan.stage("cleanup").needs()).containsExactly("report");
        }

        @Test
        void whenFailureForAStageThatNeedsAnother() {
            Plan plan = parse(stage(1, "deploy"), stage(2, "page", "needs", "deploy", "when", "failure"));

            assertThat(plan.stage("page").when().trigger()).isEqualTo(When.Trigger.FAILURE);
        }
    }

    // ---------------------------------------------------------------- plan options and stage names

    @Test
    void rejectsUnknownOptionSuggestingTheClosest() {
        assertThat(problems(map("maxParalel", 2), stage(1, "a")))
                .containsExactly("maxParalel is not an orchestrate option (did you mean 'maxParallel'?)");
    }

    @Test
    void rejectsUnknownOptionListingTheKnownOnes() {
        assertThat(problems(map("colour", "red"), stage(1, "a")))
                .containsExactly("colour is not an orchestrate option; use one of maxParallel, failFast");
    }

    @Test
    void rejectsMaxParallelBelowOne() {
        assertThat(problems(map("maxParallel", 0), stage(1, "a")))
                .containsExactly("maxParallel must be at least 1, was 0");
        assertThat(problems(map("maxParallel", -2), stage(1, "a")))
                .containsExactly("maxParallel must be at least 1, was -2");
    }

    @Test
    void rejectsOptionsOfTheWrongType() {
        assertThat(problems(map("maxParallel", "four", "failFast", "yes"), stage(1, "a")))
                .containsExactly(
                        "maxParallel must be a whole number, was 'four' (String)",
                        "failFast must be true or false, was 'yes' (String)");
    }

    @Test
    void rejectsMaxParallelPastTheLargestInt() {
        assertThat(problems(map("maxParallel", 3_000_000_000L), stage(1, "a")))
                .containsExactly("maxParallel must be at most 2147483647, was 3000000000");
    }

    @Test
    void rejectsBlankPlanNameAndNoStages() {
        InvalidPlanException e =
                catchThrowableOfType(InvalidPlanException.class, () -> PlanParser.parse(" ", Map.of(), List.of()));

        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly("name is required", "stages must contain at least one stage");
    }

    @Test
    void rejectsBlankStageNameOnItsLine() {
        assertThat(problems(stage(4, ""))).containsExactly("line 4: name is required");
        assertThat(problems(new StageDeclaration(null, Map.of(), 5))).containsExactly("line 5: name is required");
    }

    @Test
    void rejectsStageNameTooLongWithoutRepeatingIt() {
        assertThat(problems(stage(3, "x".repeat(201))))
                .containsExactly("line 3: name must be at most 200 characters, was 201");
    }

    @Test
    void rejectsStageNameWithLineBreakOrSurroundingSpaces() {
        assertThat(problems(stage(3, "a\nb"), stage(4, " db")))
                .containsExactly(
                        "line 3: name must not contain control characters such as a new line",
                        "line 4: name must not start or end with spaces, was ' db'");
    }

    @Test
    void rejectsDuplicateStageNamesNamingTheEarlierLine() {
        assertThat(problems(stage(3, "db"), stage(5, "app"), stage(9, "db")))
                .containsExactly("line 9: stage 'db': name is already used by the stage on line 3");
    }

    @Test
    void rejectsDuplicateStageNamesByPositionWhenLinesAreUnknown() {
        assertThat(problems(stage(0, "db"), stage(0, "app"), stage(0, "db")))
                .containsExactly("stage 'db': name is used by more than one stage (stages 1 and 3)");
    }

    // ---------------------------------------------------------------- the graph

    @Test
    void rejectsUnknownNeedSuggestingTheClosestStage() {
        assertThat(problems(stage(2, "database"), stage(7, "deploy", "needs", List.of("databse"))))
                .containsExactly(
                        "line 7: stage 'deploy': needs names unknown stage 'databse' (did you mean 'database'?)");
    }

    @Test
    void rejectsUnknownNeedWithoutSuggestionWhenNothingIsClose() {
        assertThat(problems(stage(2, "db"), stage(7, "deploy", "needs", "cache")))
                .containsExactly("line 7: stage 'deploy': needs names unknown stage 'cache'");
    }

    @Test
    void rejectsCycleNamingItsStagesInRunOrder() {
        assertThat(problems(
                        stage(1, "a", "needs", "c"),
                        stage(2, "b", "needs", "a"),
                        stage(3, "c", "needs", "b"),
                        stage(4, "d", "needs", "a")))
                .containsExactly("line 1: stage 'a': needs closes a cycle: a → b → c → a");
    }

    @Test
    void rejectsStageThatNeedsAFinallyStage() {
        assertThat(problems(stage(1, "cleanup", "finally", true), stage(2, "deploy", "needs", "cleanup")))
                .containsExactly("line 2: stage 'deploy': needs names 'cleanup', a finally stage;"
                        + " only finally stages may need finally stages");
    }

    @Test
    void rejectsStageThatNeedsItselfOrTheSameStageTwice() {
        assertThat(problems(stage(1, "a"), stage(2, "b", "needs", List.of("b", "a", "a"))))
                .containsExactly(
                        "line 2: stage 'b': needs names the stage itself", "line 2: stage 'b': needs names 'a' twice");
    }

    @Test
    void rejectsBlankNeed() {
        assertThat(problems(stage(2, "b", "needs", List.of(" "))))
                .containsExactly("line 2: stage 'b': needs must not contain a blank name");
    }

    @Test
    void rejectsNeedsOfTheWrongType() {
        assertThat(problems(stage(2, "a"), stage(3, "b", "needs", 5), stage(4, "c", "needs", List.of("a", 1))))
                .containsExactly(
                        "line 3: stage 'b': needs must be a stage name or a list of stage names, was 5 (Integer)",
                        "line 4: stage 'c': needs must be a stage name or a list of stage names, was ['a', 1] (List)");
    }

    @Test
    void doesNotReportNeedOfAStageThatFailedToParseAsUnknown() {
        assertThat(problems(stage(2, "db", "retry", "two"), stage(5, "deploy", "needs", "db")))
                .containsExactly("line 2: stage 'db': retry must be a whole number or a map such as [count: 3,"
                        + " backoff: '10s'], was 'two' (String)");
    }

    @Test
    void doesNotReportNeedOfAStageWithAnUnusableNameAsUnknown() {
        assertThat(problems(stage(2, "db "), stage(5, "deploy", "needs", "db ")))
                .containsExactly("line 2: name must not start or end with spaces, was 'db '");
    }

    @Test
    void checksTheGraphOfTheStagesThatParsedDespiteFieldProblems() {
        assertThat(problems(
                        stage(2, "db", "timeout", "soon"),
                        stage(5, "deploy", "needs", List.of("db", "cahce")),
                        stage(8, "cache")))
                .containsExactly(
                        "line 2: stage 'db': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was 'soon' (String)",
                        "line 5: stage 'deploy': needs names unknown stage 'cahce' (did you mean 'cache'?)");
    }

    @Test
    void findsCyclesThroughStagesWithFieldProblems() {
        assertThat(problems(stage(1, "a", "needs", "b", "lock", 7), stage(2, "b", "needs", "a")))
                .containsExactly(
                        "line 1: stage 'a': lock must be the name of a lock, was 7 (Integer)",
                        "line 1: stage 'a': needs closes a cycle: a → b → a");
    }

    @Test
    void doesNotGuessWhetherAStageWithUnreadableFinallyMayNeedAFinallyStage() {
        assertThat(problems(
                        stage(1, "report", "finally", true), stage(2, "cleanup", "finally", "yes", "needs", "report")))
                .containsExactly("line 2: stage 'cleanup': finally must be true or false, was 'yes' (String)");
    }

    // ---------------------------------------------------------------- stage arguments

    @Test
    void rejectsUnknownArgumentSuggestingTheClosest() {
        assertThat(problems(stage(1, "a"), stage(3, "b", "neds", List.of("a"))))
                .containsExactly("line 3: stage 'b': neds is not a stage argument (did you mean 'needs'?)");
    }

    @Test
    void rejectsArgumentWrittenInTheWrongCase() {
        assertThat(problems(stage(3, "b", "Timeout", "1m")))
                .containsExactly("line 3: stage 'b': Timeout is not a stage argument (did you mean 'timeout'?)");
    }

    @Test
    void rejectsUnknownArgumentListingTheKnownOnes() {
        assertThat(problems(stage(3, "b", "colour", "red")))
                .containsExactly("line 3: stage 'b': colour is not a stage argument; use one of needs, when, retry,"
                        + " timeout, failurePolicy, rollback, approval, lock, finally, outputs");
    }

    @Test
    void rejectsUnknownWhenTrigger() {
        assertThat(problems(stage(3, "b", "when", "sometimes")))
                .containsExactly("line 3: stage 'b': when must be success, failure or always, was 'sometimes'");
    }

    @Test
    void rejectsWhenOfTheWrongType() {
        assertThat(problems(stage(3, "b", "when", 5)))
                .containsExactly("line 3: stage 'b': when must be success, failure or always, or a map such as"
                        + " [trigger: 'failure', condition: …], was 5 (Integer)");
    }

    @Test
    void rejectsBadWhenMap() {
        assertThat(problems(stage(3, "b", "when", map("trigger", "never", "conditon", "x", "condition", 1))))
                .containsExactly(
                        "line 3: stage 'b': when.trigger must be success, failure or always, was 'never'",
                        "line 3: stage 'b': when.conditon is not a when argument (did you mean 'condition'?)",
                        "line 3: stage 'b': when.condition must be the condition's source text, was 1 (Integer)");
    }

    @Test
    void rejectsBlankWhenCondition() {
        assertThat(problems(stage(3, "b", "when", map("condition", " "))))
                .containsExactly("line 3: stage 'b': when.condition must not be blank");
    }

    @Test
    void rejectsWhenFailureForAStageThatNeedsNothing() {
        assertThat(problems(stage(3, "b", "when", "failure")))
                .containsExactly("line 3: stage 'b': when is 'failure' but the stage needs nothing; name the stages"
                        + " whose failure it handles in needs, or make it a finally stage");
    }

    @Test
    void rejectsRetryCountOfTheWrongType() {
        assertThat(problems(stage(3, "b", "retry", map("count", "two"))))
                .containsExactly("line 3: stage 'b': retry.count must be a whole number, was 'two' (String)");
        assertThat(problems(stage(3, "b", "retry", new BigDecimal("2.5"))))
                .containsExactly("line 3: stage 'b': retry must be a whole number, was 2.5 (BigDecimal)");
    }

    @Test
    void rejectsZeroAndNegativeRetryCounts() {
        assertThat(problems(
                        stage(3, "a", "retry", 0),
                        stage(4, "b", "retry", -1),
                        stage(5, "c", "retry", map("count", 0)),
                        stage(6, "d", "retry", map("count", -3))))
                .containsExactly(
                        "line 3: stage 'a': retry must be at least 1, was 0",
                        "line 4: stage 'b': retry must be at least 1, was -1",
                        "line 5: stage 'c': retry.count must be at least 1, was 0",
                        "line 6: stage 'd': retry.count must be at least 1, was -3");
    }

    @Test
    void rejectsRetryMapWithoutCount() {
        assertThat(problems(stage(3, "b", "retry", map("backoff", "10s"))))
                .containsExactly("line 3: stage 'b': retry.count is required when retry is a map, such as [count: 3,"
                        + " backoff: '10s']");
    }

    @Test
    void rejectsUnknownRetryArgumentSuggestingTheClosest() {
        assertThat(problems(stage(3, "b", "retry", map("count", 2, "backof", "10s"))))
                .containsExactly("line 3: stage 'b': retry.backof is not a retry argument (did you mean 'backoff'?)");
    }

    @Test
    void rejectsRetryBackoffThatIsNotADurationOrNegative() {
        assertThat(problems(
                        stage(3, "a", "retry", map("count", 2, "backoff", "ten seconds")),
                        stage(4, "b", "retry", map("count", 2, "backoff", "-10s")),
                        stage(5, "c", "retry", map("count", 2, "backoff", "PT-10S")),
                        stage(6, "d", "retry", map("count", 2, "maxBackoff", -1))))
                .containsExactly(
                        "line 3: stage 'a': retry.backoff must be a duration such as '30s', '5m' or '1h30m', or a"
                                + " whole number of seconds, was 'ten seconds' (String)",
                        "line 4: stage 'b': retry.backoff must not be negative, was '-10s'",
                        "line 5: stage 'c': retry.backoff must not be negative, was 'PT-10S'",
                        "line 6: stage 'd': retry.maxBackoff must not be negative, was -1");
    }

    @Test
    void acceptsZeroBackoff() {
        Plan plan = parse(stage(3, "a", "retry", map("count", 2, "backoff", "0s")));

        assertThat(plan.stage("a").retry().initialBackoff()).isZero();
    }

    @Test
    void rejectsMaxBackoffShorterThanBackoff() {
        assertThat(problems(stage(3, "b", "retry", map("count", 2, "backoff", "1m", "maxBackoff", "10s"))))
                .containsExactly(
                        "line 3: stage 'b': retry.maxBackoff must be at least retry.backoff (1m00s), was 10.0s");
    }

    @Test
    void rejectsMultiplierAndJitterOutOfRangeOrOfTheWrongType() {
        assertThat(problems(
                        stage(3, "a", "retry", map("count", 2, "multiplier", 0.5, "jitter", 2)),
                        stage(4, "b", "retry", map("count", 2, "multiplier", "x"))))
                .containsExactly(
                        "line 3: stage 'a': retry.multiplier must be at least 1, was 0.5",
                        "line 3: stage 'a': retry.jitter must be between 0 and 1, was 2.0",
                        "line 4: stage 'b': retry.multiplier must be a number, was 'x' (String)");
    }

    @Test
    void rejectsRetryOnUnknownOrNeverRetriedKinds() {
        assertThat(problems(
                        stage(3, "a", "retry", map("count", 2, "on", List.of("error", "oom"))),
                        stage(4, "b", "retry", map("count", 2, "on", "aborted")),
                        stage(5, "c", "retry", map("count", 2, "on", List.of())),
                        stage(6, "d", "retry", map("count", 2, "on", 3))))
                .containsExactly(
                        "line 3: stage 'a': retry.on has unknown failure kind 'oom'; use one of error, timeout,"
                                + " infrastructure, aborted, rejected",
                        "line 4: stage 'b': retry.on cannot include aborted or rejected: those are never retried",
                        "line 5: stage 'c': retry.on must name at least one failure kind (error, timeout,"
                                + " infrastructure)",
                        "line 6: stage 'd': retry.on must be a failure kind or a list of them (error, timeout,"
                                + " infrastructure), was 3 (Integer)");
    }

    @Test
    void rejectsZeroAndNegativeTimeouts() {
        assertThat(problems(
                        stage(3, "a", "timeout", "0s"),
                        stage(4, "b", "timeout", 0),
                        stage(5, "c", "timeout", -5),
                        stage(6, "d", "timeout", "-5m"),
                        stage(7, "e", "timeout", "PT-1S")))
                .containsExactly(
                        "line 3: stage 'a': timeout must be positive, was '0s'",
                        "line 4: stage 'b': timeout must be positive, was 0",
                        "line 5: stage 'c': timeout must be positive, was -5",
                        "line 6: stage 'd': timeout must be positive, was '-5m'",
                        "line 7: stage 'e': timeout must be positive, was 'PT-1S'");
    }

    @Test
    void rejectsTimeoutThatIsNotADuration() {
        assertThat(problems(
                        stage(3, "a", "timeout", "10 minutes"),
                        stage(4, "b", "timeout", true),
                        stage(5, "c", "timeout", 1.5),
                        stage(6, "d", "timeout", "99999999999999999999d"),
                        stage(7, "e", "timeout", new BigDecimal("1e30"))))
                .containsExactly(
                        "line 3: stage 'a': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was '10 minutes' (String)",
                        "line 4: stage 'b': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was true (Boolean)",
                        "line 5: stage 'c': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was 1.5 (Double)",
                        "line 6: stage 'd': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was '99999999999999999999d' (String)",
                        "line 7: stage 'e': timeout must be at most 9223372036854775807, was 1E+30");
    }

    @Test
    void rejectsUnknownFailurePolicy() {
        assertThat(problems(stage(3, "a", "failurePolicy", "haltAll"), stage(4, "b", "failurePolicy", false)))
                .containsExactly(
                        "line 3: stage 'a': failurePolicy must be haltPipeline, haltBranch or ignore, was 'haltAll'",
                        "line 4: stage 'b': failurePolicy must be haltPipeline, haltBranch or ignore, was false"
                                + " (Boolean)");
    }

    @Test
    void rejectsRollbackThatIsPlainData() {
        assertThat(problems(
                        stage(3, "a", "rollback", "yes"),
                        stage(4, "b", "rollback", 1),
                        stage(5, "c", "rollback", null),
                        stage(6, "d", "rollback", map("x", 1))))
                .containsExactly(
                        "line 3: stage 'a': rollback must be a closure, true or false, was 'yes' (String)",
                        "line 4: stage 'b': rollback must be a closure, true or false, was 1 (Integer)",
                        "line 5: stage 'c': rollback must be a closure, true or false, was null",
                        "line 6: stage 'd': rollback must be a closure, true or false, was [x: 1] (Map)");
    }

    @Test
    void rejectsQuorumLargerThanTheApproversListed() {
        assertThat(problems(
                        stage(3, "a", "approval", map("approvers", List.of("alice", "bob"), "quorum", 3)),
                        stage(4, "b", "approval", map("approvers", "alice", "quorum", 2))))
                .containsExactly(
                        "line 3: stage 'a': approval.quorum is 3 but only 2 approvers are listed: alice, bob",
                        "line 4: stage 'b': approval.quorum is 2 but only 1 approver is listed: alice");
    }

    @Test
    void rejectsZeroQuorumAndBadApprovers() {
        assertThat(problems(
                        stage(3, "a", "approval", map("quorum", 0)),
                        stage(4, "b", "approval", map("approvers", List.of("alice", "alice"))),
                        stage(5, "c", "approval", map("approvers", List.of(""))),
                        stage(6, "d", "approval", map("approvers", 42))))
                .containsExactly(
                        "line 3: stage 'a': approval.quorum must be at least 1, was 0",
                        "line 4: stage 'b': approval.approvers names 'alice' twice",
                        "line 5: stage 'c': approval.approvers must not contain a blank name",
                        "line 6: stage 'd': approval.approvers must be a user name or a list of user names, was 42"
                                + " (Integer)");
    }

    @Test
    void rejectsBadApprovalTimeoutOnTimeoutAndKeys() {
        assertThat(problems(stage(
                        3,
                        "a",
                        "approval",
                        map("timeout", "0m", "onTimeout", "wait", "message", 5, "approver", "alice"))))
                .containsExactly(
                        "line 3: stage 'a': approval.timeout must be positive, was '0m'",
                        "line 3: stage 'a': approval.onTimeout must be reject, skip or approve, was 'wait'",
                        "line 3: stage 'a': approval.message must be text, was 5 (Integer)",
                        "line 3: stage 'a': approval.approver is not an approval argument (did you mean"
                                + " 'approvers'?)");
    }

    @Test
    void rejectsApprovalOfTheWrongType() {
        assertThat(problems(stage(3, "a", "approval", 5)))
                .containsExactly("line 3: stage 'a': approval must be true, false, a message or a map such as"
                        + " [approvers: ['alice', 'bob'], quorum: 1], was 5 (Integer)");
    }

    @Test
    void rejectsBadLockFinallyAndOutputs() {
        assertThat(problems(
                        stage(3, "a", "lock", " "),
                        stage(4, "b", "finally", "true"),
                        stage(5, "c", "outputs", List.of("url", "url")),
                        stage(6, "d", "outputs", List.of("")),
                        stage(7, "e", "outputs", map())))
                .containsExactly(
                        "line 3: stage 'a': lock must not be blank",
                        "line 4: stage 'b': finally must be true or false, was 'true' (String)",
                        "line 5: stage 'c': outputs names 'url' twice",
                        "line 6: stage 'd': outputs must not contain a blank name",
                        "line 7: stage 'e': outputs must be an output name or a list of output names, was [:] (Map)");
    }

    // ---------------------------------------------------------------- all problems at once

    @Test
    void reportsEveryProblemAtOnceInJenkinsfileOrder() {
        InvalidPlanException e = catchThrowableOfType(
                InvalidPlanException.class,
                () -> PlanParser.parse(
                        "release",
                        map("maxParallel", 0),
                        List.of(
                                stage(3, "db", "retry", map("count", "two"), "timeout", "0s"),
                                stage(6, "", "needs", "db"),
                                stage(8, "deploy", "neds", List.of("db"), "needs", "dbb"),
                                stage(12, "db"))));

        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "maxParallel must be at least 1, was 0",
                        "line 3: stage 'db': retry.count must be a whole number, was 'two' (String)",
                        "line 3: stage 'db': timeout must be positive, was '0s'",
                        "line 6: name is required",
                        "line 8: stage 'deploy': neds is not a stage argument (did you mean 'needs'?)",
                        "line 12: stage 'db': name is already used by the stage on line 3",
                        "line 8: stage 'deploy': needs names unknown stage 'dbb' (did you mean 'db'?)");
        assertThat(e.getMessage())
                .isEqualTo(
                        """
                        Invalid plan: 7 problems:
                          - maxParallel must be at least 1, was 0
                          - line 3: stage 'db': retry.count must be a whole number, was 'two' (String)
                          - line 3: stage 'db': timeout must be positive, was '0s'
                          - line 6: name is required
                          - line 8: stage 'deploy': neds is not a stage argument (did you mean 'needs'?)
                          - line 12: stage 'db': name is already used by the stage on line 3
                          - line 8: stage 'deploy': needs names unknown stage 'dbb' (did you mean 'db'?)""");
        assertThat(e.problems())
                .filteredOn(p -> p.stage() != null)
                .extracting(Problem::field)
                .containsExactly("retry.count", "timeout", "neds", "name", "needs");
    }

    @Test
    void keepsEachProblemOnOneLineWhateverTheValue() {
        assertThat(problems(
                        stage(3, "a", "when", "fail\nure"),
                        stage(4, "b", "lock\r\nx", 1),
                        stage(5, "c", "timeout", "x".repeat(500))))
                .containsExactly(
                        "line 3: stage 'a': when must be success, failure or always, was 'fail\\nure'",
                        "line 4: stage 'b': lock\\r\\nx is not a stage argument; use one of needs, when, retry,"
                                + " timeout, failurePolicy, rollback, approval, lock, finally, outputs",
                        "line 5: stage 'c': timeout must be a duration such as '30s', '5m' or '1h30m', or a whole"
                                + " number of seconds, was '" + "x".repeat(78) + "… (String)");
    }

    @Test
    void escapesLineBreaksInNeedsNamedInGraphProblems() {
        assertThat(problems(stage(1, "a"), stage(2, "b", "needs", "a\nb")))
                .containsExactly("line 2: stage 'b': needs names unknown stage 'a\\nb'");
    }

    // ---------------------------------------------------------------- checks for forms

    @Test
    void checksSingleValuesForForms() {
        assertThat(PlanParser.checkStageName("deploy")).isEmpty();
        assertThat(PlanParser.checkStageName(" ")).contains("name is required");
        assertThat(PlanParser.checkStageName("x".repeat(250))).contains("name must be at most 200 characters, was 250");

        assertThat(PlanParser.checkDuration("timeout", "1h30m")).isEmpty();
        assertThat(PlanParser.checkDuration("timeout", "30")).isEmpty();
        assertThat(PlanParser.checkDuration("timeout", "0s")).contains("timeout must be positive, was '0s'");
        assertThat(PlanParser.checkDuration("approval.timeout", "soon"))
                .contains("approval.timeout must be a duration such as '30s', '5m' or '1h30m', or a whole number of"
                        + " seconds, was 'soon' (String)");

        assertThat(PlanParser.checkCount("retry.count", 3)).isEmpty();
        assertThat(PlanParser.checkCount("retry.count", 0)).contains("retry.count must be at least 1, was 0");
        assertThat(PlanParser.checkCount("approval.quorum", "two"))
                .contains("approval.quorum must be a whole number, was 'two' (String)");
    }

    // ---------------------------------------------------------------- helpers

    private static Plan parse(StageDeclaration... stages) {
        return PlanParser.parse("release", Map.of(), List.of(stages));
    }

    private static List<String> problems(StageDeclaration... stages) {
        return problems(Map.of(), stages);
    }

    private static List<String> problems(Map<String, ?> options, StageDeclaration... stages) {
        InvalidPlanException e = catchThrowableOfType(
                InvalidPlanException.class, () -> PlanParser.parse("release", options, Arrays.asList(stages)));
        assertThat(e).as("an invalid plan").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static StageDeclaration stage(int line, String name, Object... arguments) {
        return new StageDeclaration(name, map(arguments), line);
    }

    /** An ordered map that may hold nulls, as Groovy's named arguments. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
