package org.gsmile.core.unit;

import java.util.List;

/** Splits a prompt into the units an explanation attributes to. */
public interface UnitSplitter {
    String name();

    List<Unit> split(String prompt);
}
