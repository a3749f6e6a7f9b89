package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;

/** The rules every session record meets, whichever way it came: refused with a 400 before anything is read or written. */
final class SessionRecords {

    private SessionRecords() {
    }

    static SessionRecord checked(SessionRecord record) {
        if (record.key() == null || record.key().isBlank() || record.key().length() > 200) {
            throw OperationFailure.invalid("A session record needs a key of 1 to 200 characters.");
        }
        if (record.minutes().isPresent()
                && (record.minutes().getAsInt() < 1 || record.minutes().getAsInt() > SessionRecord.MAX_MINUTES)) {
            throw OperationFailure.invalid("The duration must be 1 to " + SessionRecord.MAX_MINUTES + " minutes; "
                    + record.minutes().getAsInt() + " was given.");
        }
        if (!record.attendance().attended() && (record.minutes().isPresent() || !record.used().isEmpty())) {
            throw OperationFailure.invalid("A session that did not take place (" + record.attendance().display()
                    + ") has no duration and no interventions.");
        }
        if (!record.attendance().attended() && Boolean.TRUE.equals(record.partnerPresent())) {
            throw OperationFailure.invalid("A session that did not take place (" + record.attendance().display()
                    + ") had no partner present.");
        }
        return record;
    }
}
