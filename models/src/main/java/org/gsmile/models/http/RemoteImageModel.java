package org.gsmile.models.http;

import java.util.Map;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.ModelInfo;

/**
 * What an editor and a generator behind an HTTP API share: the calls ({@link RemoteImages}), the
 * meter their calls count into, and whether this object owns the client or is an explanation's
 * metered view of it.
 */
abstract class RemoteImageModel {
    final RemoteImages images;
    final CallMeter meter;
    /** False for an explanation's metered view, which shares the client and must not close it. */
    private final boolean owner;

    RemoteImageModel(RemoteImages images, CallMeter meter, boolean owner) {
        this.images = images;
        this.meter = meter;
        this.owner = owner;
    }

    public ModelInfo info() {
        return images.info();
    }

    public Map<String, Object> settings() {
        return images.reference().settings();
    }

    /** Requests sent, retries, cache hits and failures so far, over every view. */
    public RemoteCallStats stats() {
        return images.stats();
    }

    public void close() {
        if (owner) {
            images.close();
        }
    }
}
