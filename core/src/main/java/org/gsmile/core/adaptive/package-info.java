/**
 * How many samples an explanation spends and how sure it is: budgets that draw in rounds and
 * stop when the top-ranked units are stable, the bootstrap that measures that stability, and the
 * report of both that every explanation carries.
 */
package org.gsmile.core.adaptive;
