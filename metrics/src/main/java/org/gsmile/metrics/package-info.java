/** Metrics that judge explanations: fidelity, stability, consistency, accuracy and faithfulness. */
package org.gsmile.metrics;
