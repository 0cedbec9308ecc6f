package org.gsmile.models.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.gsmile.core.image.Image;

/**
 * Some prompts of one batch of image calls failed for good, the others have their images: a
 * backend that makes one call per prompt reports both, so a probe keeps what arrived and loses
 * only the failed prompts, without asking the server again.
 */
public final class ImageCallsFailedException extends CallFailedException {
    private static final long serialVersionUID = 1L;

    private final transient List<Image> images;
    private final transient Map<Integer, String> reasons;

    /**
     * @param images  one per prompt, in their order, null where the call failed
     * @param reasons why each failed call failed, by the prompt's position
     */
    public ImageCallsFailedException(List<Image> images, Map<Integer, String> reasons) {
        super(summary(images.size(), reasons));
        this.images = Collections.unmodifiableList(new ArrayList<>(images));
        this.reasons = Map.copyOf(reasons);
    }

    /** One per prompt, in their order, null where the call failed. */
    public List<Image> images() {
        return images;
    }

    /** Why each failed call failed, by the prompt's position. */
    public Map<Integer, String> reasons() {
        return reasons;
    }

    /** One failure of one call reads as that call's own reason. */
    private static String summary(int calls, Map<Integer, String> reasons) {
        String first = reasons.get(reasons.keySet().stream().min(Integer::compare).orElseThrow());
        return calls == 1 ? first : reasons.size() + " of " + calls + " image calls failed; the first: " + first;
    }
}
