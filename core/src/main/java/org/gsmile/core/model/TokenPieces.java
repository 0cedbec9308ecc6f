package org.gsmile.core.model;

import java.util.List;

/** A model's tokenizer as the token-unit splitter needs it: the UTF-8 bytes of each token of a text. */
@FunctionalInterface
public interface TokenPieces {

    /** The bytes of each token of the text as the model encodes it, without BOS or EOS, in order. */
    List<byte[]> pieces(String text);
}
