package org.gsmile.models.oracle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.WordMoversDistance;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.models.llama.Sampler;

/**
 * A generative model whose explanation is known in closed form, for metrics that need a ground
 * truth: {@code oracle:keywords#rain=0.6,remove=0.4,not+good=0.5}.
 *
 * <p><b>Construction.</b> With T terms of weights wᵢ and aᵢ = wᵢ / max w (in (0, 1]), the
 * vocabulary is one "none" token ({@value #NONE_TOKEN}, id 0) and one token per term (id i + 1, its
 * text the term's {@link OracleTerms.Term#label label}), with orthonormal one-hot embeddings, so
 * the token-wasserstein ground cost is √2 between any two distinct tokens. The output has T
 * positions, position i about term i, and its next-token distribution depends only on whether term
 * i is present in the prompt (every word of it among the prompt's words, matched as
 * {@link WordMoversDistance#words} normalises them: case and punctuation ignored):
 * <ul>
 *   <li>present: ½ + aᵢ/4 on term i, ½ − aᵢ/4 on none;</li>
 *   <li>absent: the two swapped.</li>
 * </ul>
 * The two differ by aᵢ/2 in total variation, and under a ground cost that is the same between any
 * two tokens W1 is that cost times the total variation, so a position whose term changed presence
 * contributes √2·aᵢ/2 and every other position 0. Averaged over the T positions, the
 * token-wasserstein distance between two prompts is exactly additive:
 * <pre>  Δ(x, x̂) = s · Σ { wᵢ : term i present in one of x, x̂ and not the other },  s = 1 / (√2 · T · max w).</pre>
 * The masses are kept in [¼, ¾] rather than moving all of it (which would double s) so that the
 * greedy output still names what it saw (term i's token when present, none when absent, whatever
 * the weight) and every log-probability of y₀ stays finite: logprob-shift is then additive too, a
 * changed term adding (1/T)·ln((2 + aᵢ)/(2 − aᵢ)) (ln 3 / T for the heaviest), monotone in wᵢ but
 * not proportional to it.
 *
 * <p><b>Ground truth.</b> With the drop operator a perturbation only removes words, so
 * Δ(x̂) = s · Σ wᵢ over the prompt's terms that x̂ lost, and its Shapley values over the prompt's units
 * are ({@link #shapleyValues}, distance convention): −s·w on the one unit holding a one-word term;
 * −s·w/k on each of the k units holding the words of a k-word term; 0 on every other unit. A word the
 * prompt holds in two units is kept present by either, so the two share its −s·w (−s·w/2 each) and
 * dropping either alone changes nothing: leave-one-out gives both 0. The mask operator keeps this
 * truth as long as no term needs the mask token's word ({@code [MASK]} reads as {@code mask}); a
 * synonym that happens to be a keyword would change it.
 *
 * <p>Generation and scoring are a few array copies per prompt, done on the caller's thread; the
 * model is immutable and thread-safe.
 */
public final class KeywordOracle implements GenerativeModel, TokenScorer {

    public static final String PREFIX = "oracle:";
    public static final String KEYWORDS = "keywords";
    /** The text of token 0, the output at a position whose term is absent. */
    public static final String NONE_TOKEN = "–";
    /**
     * Hashed with the canonical spec into the model's sha256: a later change of the construction
     * changes the hash, so provenance never names two different oracles alike.
     */
    static final String HASH_PREFIX = "gsmile oracle:keywords v1#";

    // Exact Shapley values by enumeration over the units a term depends on (the others are null
    // players); 2^20 coalitions is a fraction of a second, and no real prompt repeats a word so often.
    private static final int MAX_UNITS_PER_TERM = 20;

    private final ModelInfo info;
    private final OracleTerms terms;
    private final double scale;
    private final float[][] embeddings;
    private final float[][] whenPresent;
    private final float[][] whenAbsent;

    /** An oracle named by its canonical reference, {@code oracle:keywords#<canonical spec>}. */
    public KeywordOracle(OracleTerms terms) {
        this(PREFIX + KEYWORDS + "#" + terms.canonical(), terms);
    }

    /**
     * @param id    the reference the user gave, recorded as the model's id
     * @param terms the terms
     */
    public KeywordOracle(String id, OracleTerms terms) {
        this.terms = terms;
        this.info = new ModelInfo(id, sha256(HASH_PREFIX + terms.canonical()), Integer.MAX_VALUE);
        int t = terms.size();
        double max = terms.maxWeight();
        this.scale = 1.0 / (Math.sqrt(2.0) * t * max);
        int vocab = t + 1;
        embeddings = new float[vocab][vocab];
        for (int i = 0; i < vocab; i++) {
            embeddings[i][i] = 1f;
        }
        whenPresent = new float[t][vocab];
        whenAbsent = new float[t][vocab];
        for (int i = 0; i < t; i++) {
            double a = terms.terms().get(i).weight() / max;
            float high = (float) (0.5 + a / 4);
            float low = (float) (0.5 - a / 4);
            whenPresent[i][i + 1] = high;
            whenPresent[i][0] = low;
            whenAbsent[i][i + 1] = low;
            whenAbsent[i][0] = high;
        }
    }

    /** Whether the reference is an {@code oracle:} one (its prefix already in lower case). */
    public static boolean accepts(String reference) {
        return reference.startsWith(PREFIX);
    }

    /** The oracle an {@code oracle:keywords#...} reference names; every mistake is one line naming the fix. */
    public static KeywordOracle fromReference(String reference) {
        if (!accepts(reference)) {
            throw new IllegalArgumentException("not an oracle: reference: " + reference);
        }
        String rest = reference.substring(PREFIX.length()).strip();
        int hash = rest.indexOf('#');
        String kind = (hash < 0 ? rest : rest.substring(0, hash)).strip();
        if (kind.isEmpty()) {
            throw new UserInputException("'" + reference + "' names no oracle: write " + OracleTerms.EXAMPLE);
        }
        if (!kind.toLowerCase(Locale.ROOT).equals(KEYWORDS)) {
            throw new UserInputException("unknown oracle '" + kind + "': the one oracle is " + KEYWORDS + ", as in "
                    + OracleTerms.EXAMPLE);
        }
        if (hash < 0 || rest.substring(hash + 1).isBlank()) {
            throw new UserInputException("oracle:keywords needs its keywords: write " + OracleTerms.EXAMPLE);
        }
        return new KeywordOracle(reference, OracleTerms.parse(rest.substring(hash + 1)));
    }

    public OracleTerms terms() {
        return terms;
    }

    /** s in Δ = s · Σ wᵢ over the terms that changed presence: 1 / (√2 · T · max w). */
    public double scale() {
        return scale;
    }

    /** The words some term needs, normalised (lower case, punctuation removed); any other word is irrelevant. */
    public Set<String> relevantWords() {
        return terms.words();
    }

    /** For each term in order, whether every word of it is among the text's words. */
    public boolean[] termsPresent(String text) {
        Set<String> words = new HashSet<>(WordMoversDistance.words(text));
        boolean[] present = new boolean[terms.size()];
        for (int i = 0; i < present.length; i++) {
            present[i] = words.containsAll(terms.terms().get(i).words());
        }
        return present;
    }

    /**
     * Δ between two prompts as token-wasserstein measures it on this oracle, computed from its
     * closed form (in double, where the model's own distributions are float32).
     */
    public double outputShift(String original, String perturbed) {
        boolean[] a = termsPresent(original);
        boolean[] b = termsPresent(perturbed);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                sum += terms.terms().get(i).weight();
            }
        }
        return scale * sum;
    }

    /**
     * The exact Shapley values of v(S) = Δ(prompt, prompt keeping only the units in S) under the
     * drop operator, in the distance convention of {@code attribution().scores()} (negative: keeping
     * the unit holds the output in place; negate for importances). A unit's words are its
     * whitespace-separated pieces normalised as the oracle reads them, so units must hold whole
     * words (word, phrase and sentence units do). See the class comment for their closed form;
     * they are computed here by enumeration, so repeated words and units holding several words of a
     * term come out right too.
     *
     * @param unitTexts the texts of the prompt's units, in order
     */
    public double[] shapleyValues(List<String> unitTexts) {
        int n = unitTexts.size();
        List<Set<String>> unitWords = new ArrayList<>(n);
        Set<String> promptWords = new HashSet<>();
        for (String text : unitTexts) {
            Set<String> words = Set.copyOf(WordMoversDistance.words(text));
            unitWords.add(words);
            promptWords.addAll(words);
        }
        double[] phi = new double[n];
        for (OracleTerms.Term term : terms.terms()) {
            // A term the prompt lacks is absent from every perturbation too: it never moves Δ.
            if (!promptWords.containsAll(term.words())) {
                continue;
            }
            List<Integer> relevant = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                if (unitWords.get(u).stream().anyMatch(term.words()::contains)) {
                    relevant.add(u);
                }
            }
            int m = relevant.size();
            if (m > MAX_UNITS_PER_TERM) {
                throw new IllegalArgumentException("term " + term.label() + " is spread over " + m + " units, more"
                        + " than the " + MAX_UNITS_PER_TERM + " whose coalitions are enumerated");
            }
            // holders[k]: the relevant units (as bits) holding the term's k-th word.
            int[] holders = new int[term.words().size()];
            for (int k = 0; k < holders.length; k++) {
                for (int j = 0; j < m; j++) {
                    if (unitWords.get(relevant.get(j)).contains(term.words().get(k))) {
                        holders[k] |= 1 << j;
                    }
                }
            }
            double value = scale * term.weight();
            double[] coalitionWeight = shapleyWeights(m);
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int s = 0; s < 1 << m; s++) {
                    if ((s & (1 << j)) != 0) {
                        continue;
                    }
                    // v(S) = value when the term is absent from S, else 0: the marginal of j is
                    // −value when adding j completes the term.
                    if (!present(s, holders) && present(s | (1 << j), holders)) {
                        sum -= coalitionWeight[Integer.bitCount(s)] * value;
                    }
                }
                phi[relevant.get(j)] += sum;
            }
        }
        return phi;
    }

    private static boolean present(int coalition, int[] holders) {
        for (int h : holders) {
            if ((coalition & h) == 0) {
                return false;
            }
        }
        return true;
    }

    /** |S|!(m−|S|−1)!/m! for |S| = 0..m−1, as 1 / (m · C(m−1, |S|)). */
    private static double[] shapleyWeights(int m) {
        double[] w = new double[m];
        double binomial = 1;
        for (int k = 0; k < m; k++) {
            w[k] = 1.0 / (m * binomial);
            binomial = binomial * (m - 1 - k) / (k + 1);
        }
        return w;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /**
     * One token per term, term i's token where term i is present and none where it is absent
     * (greedy), or drawn from each position's distribution with a generator seeded with the
     * options' seed (the same for every prompt, as the local models do). The output always has T
     * tokens: fewer would drop terms from every distance and so from the ground truth, so a smaller
     * {@code maxNewTokens} is refused.
     */
    @Override
    public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
        int t = terms.size();
        if (options.maxNewTokens() < t) {
            throw new UserInputException(info.id() + " writes one token per term, " + t + " in all:"
                    + " {maxNewTokens} must be at least " + t + ", as in {maxNewTokens=" + t + "}");
        }
        List<Generation> out = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            float[][] dist = distributions(prompt, t);
            SplittableRandom random = options.isGreedy() ? null : new SplittableRandom(options.seed());
            int[] tokens = new int[t];
            for (int i = 0; i < t; i++) {
                tokens[i] = random == null ? Sampler.argmax(dist[i])
                        : Sampler.sample(logits(dist[i]), options.temperature(), options.topP(), random);
            }
            out.add(new Generation(decode(tokens), tokens));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public Optional<TokenScorer> tokenScorer() {
        return Optional.of(this);
    }

    /**
     * The distributions depend on the prompt alone, not on the continuation before a position; a
     * continuation longer than the oracle's T positions has nothing to be scored against.
     */
    @Override
    public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
        if (continuation.length > terms.size()) {
            throw new IllegalArgumentException(info.id() + " writes " + terms.size() + " tokens; a continuation of "
                    + continuation.length + " cannot be scored");
        }
        for (int token : continuation) {
            if (token < 0 || token >= vocabSize()) {
                throw new IllegalArgumentException("token " + token + " is outside the oracle's " + vocabSize()
                        + " tokens");
            }
        }
        int[] scored = continuation.clone();
        List<TokenScores> out = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            float[][] dist = distributions(prompt, scored.length);
            double[] logProbs = new double[scored.length];
            for (int i = 0; i < scored.length; i++) {
                logProbs[i] = Math.log(dist[i][scored[i]]);
            }
            out.add(new TokenScores(scored, logProbs, dist));
        }
        return CompletableFuture.completedFuture(out);
    }

    /** Fresh copies of the first {@code positions} next-token distributions for this prompt. */
    private float[][] distributions(String prompt, int positions) {
        boolean[] present = termsPresent(prompt);
        float[][] dist = new float[positions][];
        for (int i = 0; i < positions; i++) {
            dist[i] = (present[i] ? whenPresent[i] : whenAbsent[i]).clone();
        }
        return dist;
    }

    private static float[] logits(float[] p) {
        float[] l = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = (float) Math.log(p[i]);
        }
        return l;
    }

    /** The oracle reads words, not tokens: the prompt's word count (it has no BOS). */
    @Override
    public int promptTokenCount(String prompt) {
        return WordMoversDistance.words(prompt).size();
    }

    @Override
    public int vocabSize() {
        return terms.size() + 1;
    }

    @Override
    public float[][] tokenEmbeddings() {
        return embeddings;
    }

    /** The tokens' texts joined by single spaces: {@value #NONE_TOKEN} for none, a term's label for its token. */
    @Override
    public String decode(int[] tokens) {
        StringBuilder text = new StringBuilder();
        for (int token : tokens) {
            if (token < 0 || token >= vocabSize()) {
                throw new IllegalArgumentException("token " + token + " is outside the oracle's " + vocabSize()
                        + " tokens");
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(token == 0 ? NONE_TOKEN : terms.terms().get(token - 1).label());
        }
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
