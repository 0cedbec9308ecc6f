package org.gsmile.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gsmile.experiments.cli.Gsmile;
import org.gsmile.models.http.FakeImageApis;
import org.gsmile.models.http.FakeModelServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gsmile run with an image model behind an HTTP API in its models list, on a loopback server. */
class HttpImageRunTest {
    @TempDir
    Path temp;

    private FakeModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    RunCommandTest.Result run(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Gsmile.run(new String[] {"run", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of());
        return new RunCommandTest.Result(exit, out.toString(), err.toString());
    }

    Path experiment(String model) throws Exception {
        Path file = temp.resolve("sd.yaml");
        Files.writeString(file, "name: sd\noutput: " + temp.resolve("runs/sd") + "\n" + """
                models:
                  - %s
                cases:
                  - {id: car, prompt: "a red car at night", relevant: [night]}
                explainer: {samples: 16}
                metrics: {accuracy: {k: 1, exactShapley: false}}
                """.formatted(model));
        return file;
    }

    @Test
    void aGeneratorInTheModelsListRunsWithItsClientSettingsAndResumesWithoutCalls() throws Exception {
        server = new FakeModelServer(FakeImageApis::answer);
        Path file = experiment("{name: sd, ref: \"a1111-generator:" + server.base() + "?size=16x16&steps=4\", cache: "
                + temp.resolve("cache") + ", concurrency: 2}");
        RunCommandTest.Result first = run(file);
        assertEquals(0, first.exit(), first.err() + first.out());
        JsonNode cell = RunCommandTest.cells(temp.resolve("runs/sd")).get(0);
        assertEquals("ok", cell.path("status").asText(), cell.toString());
        assertEquals(1.0, cell.at("/metrics/accuracy/attAuroc").asDouble(), cell.at("/metrics/accuracy").toString());
        int calls = server.requests();
        assertTrue(calls > 0 && server.maxInFlight.get() <= 2, calls + " calls, " + server.maxInFlight.get() + " at once");

        RunCommandTest.Result again = run(file);
        assertEquals(0, again.exit(), again.err());
        assertEquals(calls, server.requests());
    }

    @Test
    void aClientSettingNoImageModelReadsStopsTheRunInOneLine() throws Exception {
        server = new FakeModelServer(FakeImageApis::answer);
        RunCommandTest.Result r = run(experiment("{name: sd, ref: \"a1111-generator:" + server.base()
                + "\", logprobs: 5}"));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("logprobs has no effect with"
                + " a1111-generator:"), r.err());
        assertEquals(0, server.requests());
    }
}
