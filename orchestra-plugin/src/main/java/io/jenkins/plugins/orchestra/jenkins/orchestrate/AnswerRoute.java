package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.jenkins.orchestrate.OrchestrationApi.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code POST …/orchestration/api/runs/{n}/inputs/{input}}: an answer to an approval, as openapi.yaml says it is sent
 * (a POST of at most {@link Approvals#MAX_ANSWER} bytes of JSON), handed to {@link OrchestrationApi#answer}.
 */
@Restricted(NoExternalUse.class)
final class AnswerRoute {
    private AnswerRoute() {}

    static Reply serve(OrchestrationApi api, int number, String input, StaplerRequest2 req, StaplerResponse2 rsp)
            throws IOException, InterruptedException {
        if (!req.getMethod().equals("POST")) {
            rsp.setHeader("Allow", "POST");
            return Reply.error(405, "answers are POSTed");
        }
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Reply.error(415, "an answer is application/json");
        }
        if (req.getContentLengthLong() > Approvals.MAX_ANSWER) {
            return Reply.error(413, "an answer is at most " + Approvals.MAX_ANSWER + " bytes");
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(Approvals.MAX_ANSWER + 1);
        }
        return api.answer(number, input, body);
    }
}
