package org.gsmile.spark;

/** A library this module's services need: their constructors fail without it, so ServiceLoader finds none. */
final class RequiredClass {
    private RequiredClass() {
    }

    /** Throws NoClassDefFoundError when {@code name} is not on the class path that loaded this module. */
    static void require(String name) {
        try {
            Class.forName(name, false, RequiredClass.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new NoClassDefFoundError(name);
        }
    }
}
