package org.gsmile.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartupTest {
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clear() {
        for (String name : Startup.SETTINGS.keySet()) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void setsWhatIsUnset() {
        Startup.configure(Map.of());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("ERROR", System.getProperty("slf4j.internal.verbosity"));
        assertEquals("org.slf4j.helpers.NOP_FallbackServiceProvider", System.getProperty("slf4j.provider"));
    }

    @Test
    void theUsersChoiceWins() {
        System.setProperty("slf4j.internal.verbosity", "DEBUG");
        Startup.configure(Map.of("DJL_OFFLINE", "false"));
        assertEquals("DEBUG", System.getProperty("slf4j.internal.verbosity"));
        assertNull(System.getProperty("ai.djl.offline"), "DJL_OFFLINE already says what to do");
        Startup.configure(Map.of());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("DEBUG", System.getProperty("slf4j.internal.verbosity"));
    }
}
