package org.gsmile.core.kernel;

/** Turns a sample's input distance δ into its weight in the surrogate fit. */
public interface Kernel {
    String name();

    double weight(double distance);
}
