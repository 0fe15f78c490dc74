package io.parzen.messaging.outbox;

import io.parzen.messaging.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Brings an outbox table written before the messaging kit to the kit's column names, keeping its rows
 * (unsent ones are then published as usual). task-service's table had the column names of its field
 * names ({@code recordkey}, {@code eventid}, {@code createdat}, {@code sentat}) and no
 * {@code event_type}; optimizer-service's already had the kit's names but no {@code event_id}.
 * Idempotent: on a table that is already the kit's it changes nothing. It runs at startup, after
 * Hibernate's schema update (which may have added the kit's columns next to the old ones): an old
 * column is renamed, or its values are copied into the new column and it is dropped. It adds the
 * nullable trace-context columns ({@code traceparent}, {@code tracestate}) to a table without them.
 *
 * <p>It also gives the table its commit notification (docs/decisions/0041): a statement-level trigger
 * {@value #TRIGGER} that runs {@code pg_notify('parzen_outbox', '')} after every {@code INSERT}, which PostgreSQL
 * delivers at commit (once per transaction: identical notifications are folded). Until {@link #migrate} has seen
 * the trigger in place, {@link OutboxWriter} sends the notification itself. Instances that start together run the
 * migration one at a time (a transaction-scoped advisory lock).
 */
public final class OutboxSchema {

    /** Old column → the kit's column. */
    private static final String[][] RENAMES = {
            {"recordkey", "record_key"},
            {"messagekey", "record_key"},
            {"eventid", "event_id"},
            {"createdat", "created_at"},
            {"sentat", "sent_at"}};

    /** The trigger (and its function) that notifies {@link OutboxWriter#CHANNEL} after an insert. */
    static final String TRIGGER = "parzen_outbox_notify";

    /** First key of the advisory lock that serializes the migrations ("Pzn\2"; the relay's keys use "Pzn\1"). */
    static final int MIGRATION_LOCK = 0x507a6e02;

    private OutboxSchema() {
    }

    /** The migration of {@code schema}'s outbox table as one PL/pgSQL block (no bind parameters). */
    static String migration(String schema) {
        String table = table(schema);
        StringBuilder sql = new StringBuilder();
        sql.append("DO $outbox$ BEGIN\n");
        sql.append("IF to_regclass('").append(table).append("') IS NULL THEN RETURN; END IF;\n");
        sql.append("PERFORM pg_advisory_xact_lock(").append(MIGRATION_LOCK).append(", 0);\n");
        for (String[] rename : RENAMES) {
            String old = rename[0];
            String now = rename[1];
            sql.append("IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '").append(schema)
                    .append("' AND table_name = '").append(OutboxMessage.TABLE).append("' AND column_name = '")
                    .append(old).append("') THEN\n");
            sql.append("  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '").append(schema)
                    .append("' AND table_name = '").append(OutboxMessage.TABLE).append("' AND column_name = '")
                    .append(now).append("') THEN\n");
            sql.append("    UPDATE ").append(table).append(" SET ").append(now).append(" = ").append(old)
                    .append(" WHERE ").append(now).append(" IS NULL;\n");
            sql.append("    ALTER TABLE ").append(table).append(" DROP COLUMN ").append(old).append(";\n");
            sql.append("  ELSE\n");
            sql.append("    ALTER TABLE ").append(table).append(" RENAME COLUMN ").append(old).append(" TO ")
                    .append(now).append(";\n");
            sql.append("  END IF;\n");
            sql.append("END IF;\n");
        }
        sql.append("ALTER TABLE ").append(table).append(" ADD COLUMN IF NOT EXISTS event_id varchar(64);\n");
        sql.append("ALTER TABLE ").append(table).append(" ADD COLUMN IF NOT EXISTS event_type varchar(100);\n");
        // tracing (ADR 0024): rows from before it have none, and are published without the headers
        sql.append("ALTER TABLE ").append(table).append(" ADD COLUMN IF NOT EXISTS traceparent varchar(55);\n");
        sql.append("ALTER TABLE ").append(table).append(" ADD COLUMN IF NOT EXISTS tracestate varchar(")
                .append(TraceContext.MAX_TRACESTATE).append(");\n");
        sql.append("UPDATE ").append(table).append(" SET event_id = cast(headers AS jsonb) ->> 'ce_id'")
                .append(" WHERE event_id IS NULL AND headers LIKE '{%';\n");
        sql.append("UPDATE ").append(table).append(" SET event_type = coalesce(cast(headers AS jsonb) ->> 'ce_type', topic)")
                .append(" WHERE event_type IS NULL AND headers LIKE '{%';\n");
        sql.append("UPDATE ").append(table).append(" SET event_type = topic WHERE event_type IS NULL;\n");
        sql.append("ALTER TABLE ").append(table).append(" ALTER COLUMN event_type SET NOT NULL;\n");
        // the commit notification, from the table itself (ADR 0041); a role that may not create functions in the
        // schema keeps the rest of the migration, and its writers keep notifying
        sql.append("BEGIN\n");
        sql.append("  CREATE OR REPLACE FUNCTION ").append(schema).append('.').append(TRIGGER)
                .append("() RETURNS trigger LANGUAGE plpgsql AS $notify$ BEGIN PERFORM pg_notify('")
                .append(OutboxWriter.CHANNEL).append("', ''); RETURN NULL; END $notify$;\n");
        sql.append("  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('").append(table)
                .append("') AND tgname = '").append(TRIGGER).append("') THEN\n");
        sql.append("    CREATE TRIGGER ").append(TRIGGER).append(" AFTER INSERT ON ").append(table)
                .append(" FOR EACH STATEMENT EXECUTE FUNCTION ").append(schema).append('.').append(TRIGGER)
                .append("();\n");
        sql.append("  END IF;\n");
        sql.append("EXCEPTION WHEN insufficient_privilege THEN\n");
        sql.append("  RAISE WARNING 'no outbox notification trigger on % (%): the writers notify', '")
                .append(table).append("', SQLERRM;\n");
        sql.append("END;\n");
        sql.append("END $outbox$");
        return sql.toString();
    }

    /** {@code schema}'s outbox table, qualified; the schema must be a plain identifier (it is written into SQL). */
    private static String table(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("schema must be a plain lower-case identifier, was '" + schema + "'");
        }
        return schema + "." + OutboxMessage.TABLE;
    }

    /**
     * Migrates the outbox table of the session's current schema; answers whether the table now notifies by
     * itself (its trigger is in place). Call on a Vert.x context.
     */
    public static Uni<Boolean> migrate(Mutiny.SessionFactory sessions) {
        return sessions.withTransaction((session, tx) -> session
                .createNativeQuery("select current_schema()", String.class).getSingleResult()
                .chain(schema -> migrate(session, schema)));
    }

    /** As {@link #migrate(Mutiny.SessionFactory)}, for the table of {@code schema} in {@code session}'s transaction. */
    public static Uni<Boolean> migrate(Mutiny.Session session, String schema) {
        return session.createNativeQuery(migration(schema)).executeUpdate()
                .chain(() -> session.createNativeQuery("select count(*) from pg_trigger where tgrelid = to_regclass('"
                                + table(schema) + "') and tgname = '" + TRIGGER + "'")
                        .getSingleResult())
                .map(n -> ((Number) n).longValue() > 0);
    }
}
