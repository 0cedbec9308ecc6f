/*
 * gSMILE-J's C reference for `./benchmark engine`: the forward pass of a llama2.c-format checkpoint,
 * timed beside the Java engine.
 *
 * It mirrors the algorithm of llama2.c's run.c (RMSNorm, matmul as a plain loop over output rows,
 * rotary embedding of interleaved pairs, multi-head attention over a [layer][position][kv_dim] KV cache,
 * SwiGLU, greedy argmax) so that, compiled with `gcc -Ofast -march=native`, it costs what run.c does.
 * It is our own code, not run.c's source: that cannot be fetched on this project's machines and public
 * code stays out of this repository. Where it departs from run.c it says so.
 *
 * Usage: llama_forward CHECKPOINT WORKLOAD, then one command per line on stdin, one answer per line:
 *   generate        greedy generation from the workload's prompt to the full context (stopping before
 *                   BOS or EOS): "generate TOKENS WALL_S CPU_S id id ..."
 *   score           teacher-forced scoring of every workload sequence: "score TOKENS WALL_S CPU_S SUM_LOGPROB"
 *   logits N FILE   the logits at every scored position of the first N sequences, float32 rows, to FILE
 * The workload file is text: "generate n id..." once, then "score p c id..." per sequence (p prompt tokens,
 * BOS first, then c continuation tokens). TOKENS counts forward positions for scoring (p + c - 1, as gsmile
 * bench does) and new tokens for generation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int dim, hidden, layers, heads, kv_heads, vocab, seq_len, shared;
} Config;

typedef struct {
    float *embedding, *rms_att, *wq, *wk, *wv, *wo, *rms_ffn, *w1, *w2, *w3, *rms_final, *classifier;
} Weights;

typedef struct {
    float *x, *xb, *xb2, *hb, *hb2, *q, *att, *logits, *key_cache, *value_cache;
} State;

static void fail(const char *what) {
    fprintf(stderr, "llama_forward: %s\n", what);
    exit(1);
}

static void *alloc(size_t floats) {
    void *p = calloc(floats, sizeof(float));
    if (!p) fail("out of memory");
    return p;
}

/* Reads the whole checkpoint; the weights are slices of it in the order llama2.c's export writes them. */
static float *load(const char *path, Config *c, Weights *w) {
    FILE *f = fopen(path, "rb");
    if (!f) fail("cannot open the checkpoint");
    int header[7];
    if (fread(header, sizeof(int), 7, f) != 7) fail("truncated header");
    c->dim = header[0]; c->hidden = header[1]; c->layers = header[2]; c->heads = header[3];
    c->kv_heads = header[4]; c->shared = header[5] > 0; c->vocab = abs(header[5]); c->seq_len = header[6];
    fseek(f, 0, SEEK_END);
    long floats = (ftell(f) - (long) sizeof header) / (long) sizeof(float);
    fseek(f, sizeof header, SEEK_SET);
    float *data = alloc((size_t) floats);
    if (fread(data, sizeof(float), (size_t) floats, f) != (size_t) floats) fail("truncated weights");
    fclose(f);
    long d = c->dim, kv = (long) c->dim * c->kv_heads / c->heads, h = c->hidden, l = c->layers;
    float *p = data;
    w->embedding = p; p += c->vocab * d;
    w->rms_att = p; p += l * d;
    w->wq = p; p += l * d * d;
    w->wk = p; p += l * d * kv;
    w->wv = p; p += l * d * kv;
    w->wo = p; p += l * d * d;
    w->rms_ffn = p; p += l * d;
    w->w1 = p; p += l * d * h;
    w->w2 = p; p += l * h * d;
    w->w3 = p; p += l * d * h;
    w->rms_final = p; p += d;
    p += (long) c->seq_len * (d / c->heads); /* the legacy RoPE tables (real and imaginary halves) */
    w->classifier = c->shared ? w->embedding : p;
    return data;
}

static void new_state(State *s, const Config *c) {
    long kv = (long) c->dim * c->kv_heads / c->heads;
    s->x = alloc(c->dim); s->xb = alloc(c->dim); s->xb2 = alloc(c->dim);
    s->hb = alloc(c->hidden); s->hb2 = alloc(c->hidden); s->q = alloc(c->dim);
    s->att = alloc((size_t) c->heads * c->seq_len); s->logits = alloc(c->vocab);
    s->key_cache = alloc((size_t) c->layers * c->seq_len * kv);
    s->value_cache = alloc((size_t) c->layers * c->seq_len * kv);
}

static void rmsnorm(float *o, const float *x, const float *weight, int n) {
    float ss = 0.0f;
    for (int j = 0; j < n; j++) ss += x[j] * x[j];
    ss = 1.0f / sqrtf(ss / n + 1e-5f);
    for (int j = 0; j < n; j++) o[j] = weight[j] * (ss * x[j]);
}

static void softmax(float *x, int n) {
    float max = x[0];
    for (int i = 1; i < n; i++) if (x[i] > max) max = x[i];
    float sum = 0.0f;
    for (int i = 0; i < n; i++) { x[i] = expf(x[i] - max); sum += x[i]; }
    for (int i = 0; i < n; i++) x[i] /= sum;
}

/* o[d] = W[d][n] x[n]: one dot product per output row, left to the compiler to vectorise. */
static void matmul(float *o, const float *x, const float *w, int n, int d) {
    for (int i = 0; i < d; i++) {
        float val = 0.0f;
        for (int j = 0; j < n; j++) val += w[(long) i * n + j] * x[j];
        o[i] = val;
    }
}

/*
 * Feeds token at pos. run.c always computes the logits; here they are skipped where the caller reads
 * none (prompt positions before the last), as the Java engine and the numpy reference skip them.
 */
static void forward(const Config *c, const Weights *w, State *s, int token, int pos, int want_logits) {
    int dim = c->dim, hidden = c->hidden, head_size = dim / c->heads;
    int kv_dim = head_size * c->kv_heads, kv_mul = c->heads / c->kv_heads;
    memcpy(s->x, w->embedding + (long) token * dim, dim * sizeof(float));
    for (int l = 0; l < c->layers; l++) {
        long cache = (long) l * c->seq_len * kv_dim;
        float *k = s->key_cache + cache + (long) pos * kv_dim;
        float *v = s->value_cache + cache + (long) pos * kv_dim;
        rmsnorm(s->xb, s->x, w->rms_att + (long) l * dim, dim);
        matmul(s->q, s->xb, w->wq + (long) l * dim * dim, dim, dim);
        matmul(k, s->xb, w->wk + (long) l * dim * kv_dim, dim, kv_dim);
        matmul(v, s->xb, w->wv + (long) l * dim * kv_dim, dim, kv_dim);
        for (int i = 0; i < dim; i += 2) {
            float freq = 1.0f / powf(10000.0f, (i % head_size) / (float) head_size);
            float angle = pos * freq, fcr = cosf(angle), fci = sinf(angle);
            for (int which = 0; which < (i < kv_dim ? 2 : 1); which++) {
                float *vec = which == 0 ? s->q : k;
                float v0 = vec[i], v1 = vec[i + 1];
                vec[i] = v0 * fcr - v1 * fci;
                vec[i + 1] = v0 * fci + v1 * fcr;
            }
        }
        for (int h = 0; h < c->heads; h++) {
            const float *q = s->q + h * head_size;
            float *att = s->att + (long) h * c->seq_len;
            int kv_head = (h / kv_mul) * head_size;
            for (int t = 0; t <= pos; t++) {
                const float *key = s->key_cache + cache + (long) t * kv_dim + kv_head;
                float score = 0.0f;
                for (int i = 0; i < head_size; i++) score += q[i] * key[i];
                att[t] = score / sqrtf(head_size);
            }
            softmax(att, pos + 1);
            float *xb = s->xb + h * head_size;
            memset(xb, 0, head_size * sizeof(float));
            for (int t = 0; t <= pos; t++) {
                const float *value = s->value_cache + cache + (long) t * kv_dim + kv_head;
                for (int i = 0; i < head_size; i++) xb[i] += att[t] * value[i];
            }
        }
        matmul(s->xb2, s->xb, w->wo + (long) l * dim * dim, dim, dim);
        for (int i = 0; i < dim; i++) s->x[i] += s->xb2[i];
        rmsnorm(s->xb, s->x, w->rms_ffn + (long) l * dim, dim);
        matmul(s->hb, s->xb, w->w1 + (long) l * dim * hidden, dim, hidden);
        matmul(s->hb2, s->xb, w->w3 + (long) l * dim * hidden, dim, hidden);
        for (int i = 0; i < hidden; i++) {
            float val = s->hb[i];
            s->hb[i] = val * (1.0f / (1.0f + expf(-val))) * s->hb2[i];
        }
        matmul(s->xb, s->hb, w->w2 + (long) l * dim * hidden, hidden, dim);
        for (int i = 0; i < dim; i++) s->x[i] += s->xb[i];
    }
    if (want_logits) {
        rmsnorm(s->x, s->x, w->rms_final, dim);
        matmul(s->logits, s->x, w->classifier, dim, c->vocab);
    }
}

static int argmax(const float *x, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) if (x[i] > x[best]) best = i;
    return best;
}

/* Natural log-probability of target; the distribution is left in probs, as gsmile's scorer returns it. */
static double log_prob(const float *logits, int n, int target, float *probs) {
    float max = logits[0];
    for (int i = 1; i < n; i++) if (logits[i] > max) max = logits[i];
    float sum = 0.0f;
    for (int i = 0; i < n; i++) { probs[i] = expf(logits[i] - max); sum += probs[i]; }
    for (int i = 0; i < n; i++) probs[i] /= sum;
    return (logits[target] - max) - log(sum);
}

typedef struct {
    int *generate_prompt, generate_length;
    int count, **tokens, *prompt, *continuation;
} Workload;

static void read_workload(const char *path, Workload *wl) {
    FILE *f = fopen(path, "r");
    if (!f) fail("cannot open the workload");
    char kind[16];
    int capacity = 0;
    memset(wl, 0, sizeof *wl);
    while (fscanf(f, "%15s", kind) == 1) {
        int p = 0, n = 0;
        if (strcmp(kind, "generate") == 0) {
            if (fscanf(f, "%d", &n) != 1) fail("bad generate line");
        } else if (strcmp(kind, "score") == 0) {
            if (fscanf(f, "%d %d", &p, &n) != 2) fail("bad score line");
            n += p;
        } else {
            fail("unknown workload line");
        }
        int *ids = malloc(n * sizeof(int));
        for (int i = 0; i < n; i++) if (fscanf(f, "%d", &ids[i]) != 1) fail("bad token id");
        if (kind[0] == 'g') {
            wl->generate_prompt = ids; wl->generate_length = n;
            continue;
        }
        if (wl->count == capacity) {
            capacity = capacity ? 2 * capacity : 64;
            wl->tokens = realloc(wl->tokens, capacity * sizeof(int *));
            wl->prompt = realloc(wl->prompt, capacity * sizeof(int));
            wl->continuation = realloc(wl->continuation, capacity * sizeof(int));
        }
        wl->tokens[wl->count] = ids; wl->prompt[wl->count] = p; wl->continuation[wl->count] = n - p;
        wl->count++;
    }
    fclose(f);
}

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Teacher-forced pass over sequence i: the sum of its log-probabilities; the logits of each scored position go to logits_out if given. */
static double score_sequence(const Config *c, const Weights *w, State *s, const Workload *wl, int i,
                             float *probs, FILE *logits_out) {
    const int *ids = wl->tokens[i];
    int p = wl->prompt[i], n = p + wl->continuation[i];
    double total = 0.0;
    for (int pos = 0; pos < n - 1; pos++) {
        int scored = pos >= p - 1;
        forward(c, w, s, ids[pos], pos, scored);
        if (scored) {
            total += log_prob(s->logits, c->vocab, ids[pos + 1], probs);
            if (logits_out) fwrite(s->logits, sizeof(float), c->vocab, logits_out);
        }
    }
    return total;
}

int main(int argc, char **argv) {
    if (argc != 3) fail("usage: llama_forward CHECKPOINT WORKLOAD");
    Config c;
    Weights w;
    Workload wl;
    load(argv[1], &c, &w);
    read_workload(argv[2], &wl);
    State s;
    new_state(&s, &c);
    float *probs = alloc(c.vocab);
    int *generated = malloc(c.seq_len * sizeof(int));
    char line[4096];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
        if (strncmp(line, "generate", 8) == 0) {
            /* As the Java engine: up to seq_len - n new tokens, the last of them never fed back. */
            int count = 0, n = wl.generate_length, pos = 0;
            for (; pos < n; pos++) forward(&c, &w, &s, wl.generate_prompt[pos], pos, pos == n - 1);
            while (1) {
                int next = argmax(s.logits, c.vocab);
                if (next == 1 || next == 2) break;
                generated[count++] = next;
                if (count == c.seq_len - n) break;
                forward(&c, &w, &s, next, pos++, 1);
            }
            printf("generate %d %.6f %.6f", count, seconds(CLOCK_MONOTONIC) - wall,
                   seconds(CLOCK_THREAD_CPUTIME_ID) - cpu);
            for (int i = 0; i < count; i++) printf(" %d", generated[i]);
            printf("\n");
        } else if (strncmp(line, "score", 5) == 0) {
            long tokens = 0;
            double sum = 0.0;
            for (int i = 0; i < wl.count; i++) {
                sum += score_sequence(&c, &w, &s, &wl, i, probs, NULL);
                tokens += wl.prompt[i] + wl.continuation[i] - 1;
            }
            printf("score %ld %.6f %.6f %.9f\n", tokens, seconds(CLOCK_MONOTONIC) - wall,
                   seconds(CLOCK_THREAD_CPUTIME_ID) - cpu, sum);
        } else if (strncmp(line, "logits", 6) == 0) {
            int count;
            char path[4000];
            if (sscanf(line + 6, "%d %3999s", &count, path) != 2) fail("usage: logits N FILE");
            FILE *out = fopen(path, "wb");
            if (!out) fail("cannot write the logits file");
            for (int i = 0; i < count && i < wl.count; i++) score_sequence(&c, &w, &s, &wl, i, probs, out);
            fclose(out);
            printf("logits %d\n", count);
        } else {
            fail("unknown command");
        }
    }
    return 0;
}
