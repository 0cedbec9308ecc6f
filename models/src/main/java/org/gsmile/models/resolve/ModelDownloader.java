package org.gsmile.models.resolve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.gsmile.core.UserInputException;
import org.gsmile.models.llama.Sha256;

/**
 * Downloads a pinned file: to a temporary file beside the target, checked against its SHA-256,
 * then moved into place atomically, so an interrupted or concurrent download never leaves a
 * partial file under the final name.
 */
final class ModelDownloader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private HttpClient client;

    /**
     * @throws IOException network failures and HTTP errors, which the caller words for the user
     * @throws UserInputException when the downloaded bytes do not have the expected hash
     */
    void download(URI url, Path target, String expectedSha256) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<Path> response = client().send(request, HttpResponse.BodyHandlers.ofFile(temp));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + url);
            }
            String actual = Sha256.of(temp);
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new UserInputException("downloaded " + url + " has sha256 " + actual + ", expected "
                        + expectedSha256 + ": the download was damaged or the file changed upstream; run again,"
                        + " or place verified copies in a folder and point GSMILE_MODELS at it");
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build();
        }
        return client;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
