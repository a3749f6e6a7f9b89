package health.rapport.plugin.exchange.document;

import java.util.List;

/**
 * Builds narrative XHTML in which every text is escaped: what people wrote (goals, answers,
 * titles) becomes text, never markup, so a narrative cannot carry script, links or styles.
 * The structure (paragraphs, lists, tables) is the only markup, and it is ours.
 */
final class Xhtml {

    private final StringBuilder body = new StringBuilder();

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML; they are dropped, not escaped.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    Xhtml paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>");
        return this;
    }

    Xhtml list(List<String> items) {
        if (items.isEmpty()) {
            return this;
        }
        body.append("<ul>");
        items.forEach(i -> body.append("<li>").append(escape(i)).append("</li>"));
        body.append("</ul>");
        return this;
    }

    Xhtml table(List<String> headers, List<List<String>> rows) {
        body.append("<table><tr>");
        headers.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
            body.append("</tr>");
        }
        body.append("</table>");
        return this;
    }

    boolean isEmpty() {
        return body.length() == 0;
    }

    String div() {
        return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + body + "</div>";
    }
}
