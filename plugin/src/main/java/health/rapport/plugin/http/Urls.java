package health.rapport.plugin.http;

/** The one rule for comparing and joining base URLs: no trailing slash. */
public final class Urls {

    private Urls() {
    }

    /** {@code url} without its trailing slashes ({@code null} stays {@code null}). */
    public static String withoutTrailingSlash(String url) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
