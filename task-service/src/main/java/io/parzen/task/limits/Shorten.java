package io.parzen.task.limits;

/** Keeps error answers small: a value over a length limit is echoed by its start only. */
final class Shorten {

    /** Characters of a too-long value shown in an error. */
    static final int SHOWN = 80;

    private Shorten() {
    }

    static String text(String s) {
        if (s == null || s.length() <= SHOWN) {
            return s;
        }
        return s.substring(0, SHOWN) + "… (" + s.length() + " characters)";
    }
}
