package io.parzen.executor.execution;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The outbox table of executor-service from before the messaging kit, {@code outbox_event}: its
 * unsent rows are moved into the kit's {@code outbox} (in their id order, with new ids from the
 * kit's sequence, so after whatever the kit's table holds already) and the old table is dropped.
 * Nothing happens when there is no old table. Part of the start-up recovery, so a database written
 * by an older executor loses no event.
 */
final class LegacyOutbox {

    /** One PL/pgSQL block; the old columns are the old entity's field names (folded to lower case). */
    static final String UPGRADE = """
            DO $upgrade$ BEGIN
            IF to_regclass('outbox_event') IS NULL THEN RETURN; END IF;
            INSERT INTO outbox (id, event_id, topic, record_key, event_type, payload, headers, created_at)
              SELECT nextval('outbox_seq'), old.eventid, old.topic, old.messagekey,
                     coalesce(CASE WHEN old.headers LIKE '{%' THEN cast(old.headers AS jsonb) ->> 'ce_type' END,
                              old.topic),
                     old.payload, old.headers, old.createdat
              FROM outbox_event old WHERE old.sentat IS NULL ORDER BY old.id;
            DROP TABLE outbox_event;
            END $upgrade$""";

    private LegacyOutbox() {
    }

    /** Moves the old table's unsent rows, in the current transaction. */
    static Uni<Void> upgrade() {
        return Panache.getSession().chain(s -> s.createNativeQuery(UPGRADE).executeUpdate()).replaceWithVoid();
    }
}
