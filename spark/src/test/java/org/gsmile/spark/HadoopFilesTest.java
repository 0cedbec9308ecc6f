package org.gsmile.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

/** A run folder whose file system has no client on the class path is one line naming the fix. */
class HadoopFilesTest {
    @Test
    void aSchemeWithoutAClientNamesTheModuleToAdd() {
        // s3a: is known to Hadoop by name, its class (hadoop-aws) is not here; nosuch: is known to nobody.
        for (String folder : new String[] {"s3a://bucket/runs/x", "nosuch://host/runs/x"}) {
            UserInputException e = assertThrows(UserInputException.class, () -> HadoopFiles.of(URI.create(folder)));
            assertTrue(e.getMessage().startsWith("the run folder " + folder + " cannot be reached: no Hadoop file system"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("hadoop-aws"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
    }
}
