package health.rapport.plugin.panel.smart;

/** A launch step that cannot go on, with the status and the plain words the panel shows. */
public final class LaunchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public LaunchFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
