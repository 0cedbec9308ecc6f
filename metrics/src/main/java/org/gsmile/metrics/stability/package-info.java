/**
 * Stability: how much an explanation moves under changes that should not move it. A
 * {@link org.gsmile.metrics.stability.PromptChange} makes variants of the prompt (a neutral word
 * inserted, the final punctuation changed), {@link org.gsmile.metrics.stability.UnitAlignment}
 * says which unit of a variant is which unit of the prompt, and
 * {@link org.gsmile.metrics.stability.SetSimilarity} compares the two explanations through it;
 * {@link org.gsmile.metrics.stability.Stability#measure} runs it all, with other seeds too.
 */
package org.gsmile.metrics.stability;
