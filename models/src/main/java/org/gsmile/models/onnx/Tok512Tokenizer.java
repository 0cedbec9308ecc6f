package org.gsmile.models.onnx;

import java.nio.file.Path;

import org.gsmile.models.llama.Llama2cTokenizer;

/** The llama2.c tokenizer (tok512.bin and the like), exactly as the in-process engine uses it. */
final class Tok512Tokenizer implements PromptTokenizer {

    private final Llama2cTokenizer tokenizer;
    private final int bosId;

    private Tok512Tokenizer(Llama2cTokenizer tokenizer, int bosId) {
        this.tokenizer = tokenizer;
        this.bosId = bosId;
    }

    /**
     * The file format does not record its size, so it is read as {@code vocabSize} tokens and a
     * file holding more or fewer fails, naming the file.
     */
    static Tok512Tokenizer read(Path file, int vocabSize, int bosId) {
        return new Tok512Tokenizer(Llama2cTokenizer.read(file, vocabSize), bosId);
    }

    /** llama2.c's encoding with the config's BOS, which for llama2.c models is the same id. */
    @Override
    public int[] encode(String prompt) {
        int[] tokens = tokenizer.encode(prompt);
        tokens[0] = bosId;
        return tokens;
    }

    /** The first token after BOS drops its leading space, as llama2.c prints it. */
    @Override
    public String continuationText(int[] prompt, int[] generated) {
        return tokenizer.decode(prompt[prompt.length - 1], generated);
    }

    @Override
    public String decode(int[] tokens) {
        return tokenizer.decode(-1, tokens);
    }

    @Override
    public int vocabSize() {
        return tokenizer.vocabSize();
    }
}
