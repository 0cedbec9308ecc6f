"""gSMILE-J's numpy reference for `./benchmark engine`: the stories260K forward pass, timed beside the Java engine.

Our own code, written the way one would write it in numpy: greedy generation steps one token at a time
through a KV cache (matrix-vector products), and teacher-forced scoring runs each whole sequence at
once (matrix-matrix products and a causal mask), which is where numpy is at its best. Run it with one
BLAS thread (the benchmark sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS to 1) so that it is compared
per core.

Usage: python3 llama_forward.py CHECKPOINT WORKLOAD, then the commands of llama_forward.c on stdin
(generate, score, logits N FILE), with the same answers; `score-batched` scores all sequences in one
padded batch instead of one by one.
"""
import sys
import time

import numpy as np

BOS, EOS = 1, 2
EPS = np.float32(1e-5)


class Model:
    def __init__(self, path):
        raw = open(path, "rb").read()
        header = np.frombuffer(raw, dtype=np.int32, count=7)
        dim, hidden, layers, heads, kv_heads, vocab, self.seq_len = (int(v) for v in header)
        shared = vocab > 0
        vocab = abs(vocab)
        self.dim, self.heads, self.kv_heads, self.vocab = dim, heads, kv_heads, vocab
        self.head_size = dim // heads
        kv = self.head_size * kv_heads
        data = np.frombuffer(raw, dtype=np.float32, offset=28)
        at = 0

        def take(*shape):
            nonlocal at
            n = int(np.prod(shape))
            block = data[at:at + n].reshape(shape)
            at += n
            return block

        self.embedding = take(vocab, dim)
        rms_att, wq, wk, wv = take(layers, dim), take(layers, dim, dim), take(layers, kv, dim), take(layers, kv, dim)
        wo, rms_ffn = take(layers, dim, dim), take(layers, dim)
        w1, w2, w3 = take(layers, hidden, dim), take(layers, dim, hidden), take(layers, hidden, dim)
        self.rms_final = take(dim)
        at += self.seq_len * self.head_size  # the legacy RoPE tables
        classifier = self.embedding if shared else take(vocab, dim)
        # Transposed once, so that activations [tokens, in] multiply as x @ W^T without a copy per call.
        self.layers = [(rms_att[l], np.ascontiguousarray(np.concatenate([wq[l], wk[l], wv[l]]).T),
                        np.ascontiguousarray(wo[l].T), rms_ffn[l],
                        np.ascontiguousarray(np.concatenate([w1[l], w3[l]]).T), np.ascontiguousarray(w2[l].T))
                       for l in range(layers)]
        self.classifier_t = np.ascontiguousarray(classifier.T)
        self.hidden, self.kv = hidden, kv
        pair = np.arange(0, self.head_size, 2, dtype=np.float32)
        freq = (np.float32(1.0) / np.power(np.float32(10000.0), pair / np.float32(self.head_size))).astype(np.float32)
        angles = np.arange(self.seq_len, dtype=np.float32)[:, None] * freq[None, :]
        self.cos, self.sin = np.cos(angles), np.sin(angles)

    @staticmethod
    def rmsnorm(x, weight):
        return weight * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + EPS))

    def rope(self, x, positions):
        """Rotates interleaved pairs of every head; x is [..., tokens, heads, head_size]."""
        cos, sin = self.cos[positions][:, None, :], self.sin[positions][:, None, :]
        even, odd = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2] = even * cos - odd * sin
        out[..., 1::2] = even * sin + odd * cos
        return out

    def block(self, x, positions, keys, values, layer):
        """One transformer block over tokens x [..., T, dim] at positions, attending to the cached keys and
        values [..., heads, S, head_size] of earlier positions plus these; returns x and the new caches."""
        rms_att, wqkv, wo_t, rms_ffn, w13, w2_t = self.layers[layer]
        d, kv, hs = self.dim, self.kv, self.head_size
        qkv = self.rmsnorm(x, rms_att) @ wqkv
        lead = x.shape[:-2]
        t = x.shape[-2]
        q = self.rope(qkv[..., :d].reshape(*lead, t, self.heads, hs), positions)
        k = self.rope(qkv[..., d:d + kv].reshape(*lead, t, self.kv_heads, hs), positions)
        v = qkv[..., d + kv:].reshape(*lead, t, self.kv_heads, hs)
        k, v = np.swapaxes(k, -3, -2), np.swapaxes(v, -3, -2)
        keys = k if keys is None else np.concatenate([keys, k], axis=-2)
        values = v if values is None else np.concatenate([values, v], axis=-2)
        group = self.heads // self.kv_heads
        q = np.swapaxes(q, -3, -2).reshape(*lead, self.kv_heads, group * t, hs)
        scores = (q @ np.swapaxes(keys, -1, -2)) / np.float32(np.sqrt(hs))
        scores = scores.reshape(*lead, self.kv_heads, group, t, keys.shape[-2])
        mask = positions[:, None] < np.arange(keys.shape[-2])[None, :]
        scores = np.where(mask, np.float32(-np.inf), scores)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        attended = scores.reshape(*lead, self.kv_heads, group * t, keys.shape[-2]) @ values
        attended = attended.reshape(*lead, self.heads, t, hs)
        x = x + np.swapaxes(attended, -3, -2).reshape(*lead, t, d) @ wo_t
        h = self.rmsnorm(x, rms_ffn) @ w13
        gate, up = h[..., :self.hidden], h[..., self.hidden:]
        x = x + ((gate / (np.float32(1.0) + np.exp(-gate))) * up) @ w2_t
        return x, keys, values

    def forward(self, tokens, start, caches):
        """Feeds tokens [..., T] at positions start..start+T-1; returns the final activations [..., T, dim]."""
        positions = np.arange(start, start + tokens.shape[-1])
        x = self.embedding[tokens]
        for layer in range(len(self.layers)):
            keys, values = caches[layer]
            x, keys, values = self.block(x, positions, keys, values, layer)
            caches[layer] = (keys, values)
        return x

    def logits(self, x):
        return self.rmsnorm(x, self.rms_final) @ self.classifier_t

    def generate(self, prompt):
        caches = [(None, None)] * len(self.layers)
        x = self.forward(np.array(prompt), 0, caches)
        logits = self.logits(x[-1])
        out, pos = [], len(prompt)
        while True:
            nxt = int(np.argmax(logits))
            if nxt in (BOS, EOS):
                return out
            out.append(nxt)
            if len(out) == self.seq_len - len(prompt):
                return out
            # A cache that grows by concatenation is what plain numpy code does; preallocating it
            # would save the copies but not the per-call overhead that dominates at dim 64.
            logits = self.logits(self.forward(np.array([nxt]), pos, caches)[-1])
            pos += 1

    def score_logits(self, ids, prompt_len):
        """Logits at the scored positions (prompt_len - 1 onward) of one sequence, fed all at once."""
        x = self.forward(np.array(ids[:-1]), 0, [(None, None)] * len(self.layers))
        return self.logits(x[prompt_len - 1:])


def log_probs(logits, targets):
    """Log-probabilities of targets under softmax of each row, the distributions computed as well."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=-1, keepdims=True)
    _distributions = exp / total
    return shifted[np.arange(len(targets)), targets] - np.log(total[:, 0])


def score_one_by_one(model, sequences):
    total = 0.0
    for ids, p in sequences:
        total += float(log_probs(model.score_logits(ids, p), np.array(ids[p:])).astype(np.float64).sum())
    return total


def score_batched(model, sequences):
    """All sequences in one batch, padded at the end (the causal mask keeps padding out of every scored row)."""
    length = max(len(ids) for ids, _ in sequences) - 1
    batch = np.zeros((len(sequences), length), dtype=np.int64)
    for row, (ids, _) in enumerate(sequences):
        batch[row, :len(ids) - 1] = ids[:-1]
    x = model.forward(batch, 0, [(None, None)] * len(model.layers))
    total = 0.0
    for row, (ids, p) in enumerate(sequences):
        logits = model.logits(x[row, p - 1:len(ids) - 1])
        total += float(log_probs(logits, np.array(ids[p:])).astype(np.float64).sum())
    return total


def read_workload(path):
    prompt, sequences = None, []
    for line in open(path):
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "generate":
            prompt = [int(v) for v in fields[2:]]
        else:
            p = int(fields[1])
            sequences.append(([int(v) for v in fields[3:]], p))
    return prompt, sequences


def main():
    model = Model(sys.argv[1])
    prompt, sequences = read_workload(sys.argv[2])
    tokens = sum(len(ids) - 1 for ids, _ in sequences)
    for line in sys.stdin:
        command = line.split()
        wall, cpu = time.perf_counter(), time.thread_time()
        if command[0] == "generate":
            out = model.generate(prompt)
            print("generate", len(out), f"{time.perf_counter() - wall:.6f}", f"{time.thread_time() - cpu:.6f}",
                  *out, flush=True)
        elif command[0] in ("score", "score-batched"):
            total = (score_one_by_one if command[0] == "score" else score_batched)(model, sequences)
            print(command[0], tokens, f"{time.perf_counter() - wall:.6f}", f"{time.thread_time() - cpu:.6f}",
                  f"{total:.9f}", flush=True)
        elif command[0] == "logits":
            with open(command[2], "wb") as out:
                for ids, p in sequences[:int(command[1])]:
                    out.write(model.score_logits(ids, p).astype(np.float32).tobytes())
            print("logits", command[1], flush=True)
        else:
            sys.exit("llama_forward.py: unknown command " + command[0])


if __name__ == "__main__":
    main()
