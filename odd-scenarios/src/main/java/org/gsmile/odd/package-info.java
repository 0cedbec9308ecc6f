/** Operational Design Domain scenario taxonomies and the suites of prompts and instructions generated over them. */
package org.gsmile.odd;
