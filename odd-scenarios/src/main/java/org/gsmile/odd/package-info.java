/**
 * Operational Design Domain scenario suites: taxonomies of dimensions and the cases generated over them.
 *
 * <p>{@link org.gsmile.odd.Taxonomy#load} reads a taxonomy file (YAML; the format is in its class
 * comment and in {@code experiments/EXPERIMENT-FILES.md}, "Scenario suites") and checks it whole, each
 * mistake one {@link org.gsmile.odd.TaxonomyException} {@code FILE:LINE:COLUMN: ...}.
 * {@link org.gsmile.odd.Taxonomy#expand} with {@link org.gsmile.odd.SuiteOptions} (a
 * {@link org.gsmile.odd.Strategy}: factorial, pairwise with its strength t, or random with n; a seed)
 * gives a {@link org.gsmile.odd.Suite}: its {@link org.gsmile.odd.ScenarioCase}s (id, prompt, relevant
 * words, scenario, scene), the factorial count and the {@link org.gsmile.odd.Coverage} that
 * {@link org.gsmile.odd.CoverageCheck} measures on the cases, independently of how they were made.
 *
 * <p>Covering arrays come from allpairs4j (see {@code CoveringArrays}), given the taxonomy's
 * constraints as one feasibility predicate.
 */
package org.gsmile.odd;
