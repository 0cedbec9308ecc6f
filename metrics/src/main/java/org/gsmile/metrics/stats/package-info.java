/**
 * Small rank and correlation utilities the metrics share: ranks by magnitude with average ranks for
 * ties, the Mann–Whitney AUROC, Kendall's coefficient of concordance W, and Spearman's ρ and
 * Kendall's τ-b that answer NaN where commons-math3 would throw or the statistic is undefined.
 * Pure functions of their arrays; no model, no randomness.
 */
package org.gsmile.metrics.stats;
