package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.jenkins.orchestrate.OrchestrationApi.Reply;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Routes {@code …/orchestration/api/…} to {@link OrchestrationApi}, with the paths, methods and statuses of the
 * dashboard's openapi.yaml. There are no event streams in Jenkins: the page polls {@code changes} and {@code log}.
 * Jenkins itself refuses a POST without its crumb before it gets here.
 */
@Restricted(NoExternalUse.class)
final class DashboardRoutes {
    private static final Pattern RUN = Pattern.compile("/runs/(\\d{1,9})(/.*)?");
    private static final Pattern LOG = Pattern.compile("/stages/([^/]+)/log");
    private static final Pattern INPUT = Pattern.compile("/inputs/([^/]+)");

    private DashboardRoutes() {}

    static void serve(OrchestrationApi api, StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, InterruptedException {
        Reply reply;
        try {
            reply = route(api, req, rsp);
        } catch (BadQuery e) {
            reply = Reply.error(400, e.getMessage());
        }
        rsp.setStatus(reply.status());
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Cache-Control", "no-store");
        rsp.getOutputStream().write(reply.body());
    }

    private static Reply route(OrchestrationApi api, StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, InterruptedException {
        String path = req.getOriginalRestOfPath();
        Matcher run = RUN.matcher(path);
        if (!run.matches()) {
            if (!path.equals("/runs") && !path.equals("/runs/")) {
                return Reply.error(404, "no endpoint " + path);
            }
            Reply refused = onlyGet(req, rsp);
            return refused != null ? refused : api.runs();
        }
        int number = Integer.parseInt(run.group(1));
        String rest = run.group(2) == null ? "" : run.group(2);
        Matcher input = INPUT.matcher(rest);
        if (input.matches()) {
            return AnswerRoute.serve(api, number, decode(input.group(1)), req, rsp);
        }
        Reply refused = onlyGet(req, rsp);
        if (refused != null) {
            return refused;
        }
        Matcher log = LOG.matcher(rest);
        if (rest.isEmpty() || rest.equals("/")) {
            return api.run(number);
        } else if (rest.equals("/changes")) {
            Long since = number(req, "since");
            return since == null
                    ? Reply.error(400, "since is required: the version the page has")
                    : api.changes(number, since);
        } else if (log.matches()) {
            return api.log(
                    number, decode(log.group(1)), number(req, "offset"), number(req, "limit"), number(req, "tail"));
        }
        return Reply.error(404, "no endpoint " + path + " (Jenkins has no event streams: poll changes and log)");
    }

    /** Null for a GET; else 405, saying so. */
    private static Reply onlyGet(StaplerRequest2 req, StaplerResponse2 rsp) {
        if (req.getMethod().equals("GET") || req.getMethod().equals("HEAD")) {
            return null;
        }
        rsp.setHeader("Allow", "GET");
        return Reply.error(405, "only GET here");
    }

    private static Long number(StaplerRequest2 req, String name) {
        String value = req.getParameter(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadQuery(name + " must be a number, was '" + value + "'");
        }
    }

    private static final class BadQuery extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadQuery(String message) {
            super(message);
        }
    }

    /** A path segment as it was sent: {@code +} is a plus there, not a space. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
