package health.rapport.plugin.app.forms;

import health.rapport.plugin.content.ContentLibrary;

/** The shipped content library for unit tests of other packages. */
public final class FormContentAccess {

    private FormContentAccess() {
    }

    public static ContentLibrary library() {
        return FormContent.library();
    }
}
