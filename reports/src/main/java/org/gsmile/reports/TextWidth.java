package org.gsmile.reports;

/**
 * Approximate text widths for laying out SVG text without a browser: Helvetica's advance widths (AFM,
 * per 1000 em) for printable ASCII; Arial and Liberation Sans, which the SVGs name as fallbacks, have
 * the same widths. Other characters count as 0.6 em, wide (CJK) ones as 1 em.
 */
final class TextWidth {
    private static final int[] ASCII = {
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584      // p-z { | } ~
    };

    private TextWidth() {
    }

    static double of(String s, double fontSize) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 32 && cp < 127) {
                w += ASCII[cp - 32];
            } else if (Character.isIdeographic(cp) || (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xAC00 && cp <= 0xD7A3)
                    || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFF60)) {
                w += 1000;
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                w += 0;
            } else {
                w += 600;
            }
        }
        return w * fontSize / 1000;
    }
}
