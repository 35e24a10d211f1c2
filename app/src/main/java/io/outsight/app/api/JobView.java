package io.outsight.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.record.FetchStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The JSON answer of {@code GET /jobs/{id}}: the outcome of each URL and whether the job is done. Stateless. */
final class JobView {
    /** Where one URL of a job stands. */
    enum UrlState {
        /** No fetch status yet. */
        PENDING,
        /** Fetched into an article that is not searchable yet. */
        FETCHED,
        /** Its article is searchable. */
        INDEXED,
        /** Fetched before and unchanged, or a recent duplicate: nothing new to index. */
        UNCHANGED,
        /** Not fetched: the status says why. */
        FAILED;

        boolean finished() {
            return this != PENDING && this != FETCHED;
        }
    }

    private JobView() {}

    static UrlState state(FetchStatus status, Set<String> indexedIds) {
        if (status.outcome().producedArticle()) {
            return status.articleId() != null && indexedIds.contains(status.articleId()) ? UrlState.INDEXED
                    : UrlState.FETCHED;
        }
        return status.outcome().isFailure() ? UrlState.FAILED : UrlState.UNCHANGED;
    }

    static ObjectNode render(ObjectMapper mapper, Job job, Map<String, FetchStatus> statuses, Set<String> indexedIds) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", job.id());
        root.put("submitted_at", job.submittedAt().toString());
        var counts = new TreeMap<String, Integer>();
        var urls = root.putArray("urls");
        boolean done = true;
        for (Job.Url u : job.urls()) {
            FetchStatus status = statuses.get(u.key());
            UrlState state = status == null ? UrlState.PENDING : state(status, indexedIds);
            done &= state.finished();
            counts.merge(state.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            ObjectNode node = urls.addObject();
            node.put("url", u.url());
            node.put("key", u.key());
            node.put("state", state.name().toLowerCase(Locale.ROOT));
            if (status != null) {
                node.put("outcome", status.outcome().wireName());
                node.put("reason", status.reason());
                if (status.httpStatus() != null) {
                    node.put("http_status", status.httpStatus());
                }
                if (status.articleId() != null) {
                    node.put("article_id", status.articleId());
                }
                node.put("checked_at", status.checkedAt().toString());
            }
        }
        root.put("state", done ? "done" : "running");
        var countsNode = root.putObject("counts");
        counts.forEach(countsNode::put);
        return root;
    }
}
