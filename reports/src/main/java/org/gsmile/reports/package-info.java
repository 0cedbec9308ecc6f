/** Tables (Tablesaw, one per concept, saved as CSV), plots and heatmaps of explanations and metrics. */
package org.gsmile.reports;
