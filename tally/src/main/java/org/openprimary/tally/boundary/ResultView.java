package org.openprimary.tally.boundary;

import java.math.BigInteger;
import java.util.List;
import org.openprimary.tally.control.MeritChartSvg;
import org.openprimary.tally.control.ResultCsv;
import org.openprimary.tally.control.ResultJson;
import org.openprimary.tally.entity.CandidateResult;
import org.openprimary.tally.entity.Result;

/**
 * A count's result as other modules see it: immutable, made only by the {@link ResultsService}
 * from a checked result, with its three exports. Web modules use this and never the tally's
 * entities.
 */
public final class ResultView {

    private final Result result;
    private final List<CandidateView> candidates;

    ResultView(Result result) {
        this.result = result;
        this.candidates = result.candidates().stream().map(ResultView::view).toList();
    }

    /** The election's id, {@code null} for a count outside the platform. */
    public String election() {
        return result.election();
    }

    /** The grade names, worst first. */
    public List<String> grades() {
        return result.scale().names();
    }

    /** The number of ballots counted; every candidate's counts add up to it. */
    public BigInteger ballots() {
        return result.ballots();
    }

    /** In the input's order. */
    public List<CandidateView> candidates() {
        return candidates;
    }

    /** Candidate indices, best first, candidates sharing a rank in index order. */
    public List<Integer> ranking() {
        return result.ranking();
    }

    /** The full result as JSON (format {@code openprimary-tally-result/1}, see docs/tally.md). */
    public String json() {
        return ResultJson.write(result);
    }

    /** One row per candidate in rank order, RFC 4180, spreadsheet formulas disarmed. */
    public String csv() {
        return ResultCsv.write(result);
    }

    /** The merit profiles as an accessible SVG chart titled {@code title}. */
    public String svg(String title) {
        return MeritChartSvg.write(result, title);
    }

    @Override
    public String toString() {
        return "ResultView[election=" + election() + ", ballots=" + ballots() + ", ranking=" + ranking() + "]";
    }

    private static CandidateView view(CandidateResult c) {
        return new CandidateView(c.index(), c.name(), c.rank(), c.majorityGrade(), c.majorityGradeName(), c.mention(),
                c.counts(), c.shares());
    }
}
