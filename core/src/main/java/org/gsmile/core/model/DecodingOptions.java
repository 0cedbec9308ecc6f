package org.gsmile.core.model;

/**
 * How to decode. temperature 0 means greedy (argmax); otherwise sampling with the given
 * temperature and nucleus top-p, drawn from a generator seeded with {@code seed}.
 */
public record DecodingOptions(int maxNewTokens, double temperature, double topP, long seed) {

    public static DecodingOptions greedy(int maxNewTokens) {
        return new DecodingOptions(maxNewTokens, 0.0, 1.0, 0L);
    }

    public boolean isGreedy() {
        return temperature == 0.0;
    }
}
