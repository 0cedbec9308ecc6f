/**
 * Accuracy: whether an explanation's scores point at what is known to matter. Against ground-truth
 * labels of relevant units ({@link org.gsmile.metrics.accuracy.Relevance}): ATT-AUROC and
 * precision@k ({@link org.gsmile.metrics.accuracy.AttributionAccuracy}); against the exact Shapley
 * values the default surrogate estimates: rank agreement
 * ({@link org.gsmile.metrics.accuracy.ShapleyAgreement}).
 */
package org.gsmile.metrics.accuracy;
