package org.gsmile.models.llama;

import java.util.Locale;

import org.gsmile.core.UserInputException;

/**
 * Which arithmetic the in-process engine runs on. {@link #selected()} takes {@code VECTOR} when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} (the launchers and the tests do) and
 * {@code SCALAR} otherwise; the system property {@value #PROPERTY} ({@code scalar} or {@code vector})
 * forces one.
 */
public enum EngineKernels {
    /** Plain Java in run.c's order: the reference, and the fallback without the Vector API. */
    SCALAR,
    /** The JDK's incubating Vector API; equal to SCALAR to 1e-5. */
    VECTOR;

    public static final String PROPERTY = "gsmile.engine.kernels";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The property's choice if it is set, else VECTOR where the module is present. */
    public static EngineKernels selected() {
        return choose(System.getProperty(PROPERTY), VECTOR.available());
    }

    /** {@link #selected()} for a given property value (null when unset) and presence of the module. */
    static EngineKernels choose(String forced, boolean vectorModule) {
        if (forced == null || forced.isBlank()) {
            return vectorModule ? VECTOR : SCALAR;
        }
        EngineKernels choice = switch (forced.strip().toLowerCase(Locale.ROOT)) {
            case "scalar" -> SCALAR;
            case "vector" -> VECTOR;
            default -> throw new UserInputException("-D" + PROPERTY + "=" + forced
                    + " is not a choice: use scalar or vector (or leave it unset to choose by the JVM)");
        };
        if (choice == VECTOR && !vectorModule) {
            throw new UserInputException("-D" + PROPERTY + "=vector needs the module " + VECTOR_MODULE
                    + ": start java with --add-modules " + VECTOR_MODULE);
        }
        return choice;
    }

    /** Whether this JVM can run these kernels: VECTOR needs the module in the boot layer. */
    public boolean available() {
        return this == SCALAR || ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * A new instance. VectorKernels is named only as a string, so that no class linked without the
     * module ever refers to the Vector API.
     */
    Kernels create() {
        if (this == SCALAR) {
            return new ScalarKernels();
        }
        if (!available()) {
            throw new IllegalStateException(VECTOR_MODULE + " is not in the boot layer");
        }
        try {
            return (Kernels) Class.forName(EngineKernels.class.getPackageName() + ".VectorKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the vector kernels cannot be loaded", e);
        }
    }
}
