package io.parzen.metrics.point;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A database written before attempts (ADR 0023) has {@code metric_point}'s primary key on (execution_id, sequence,
 * metric_key); the schema update adds the {@code attempt} column (default 1) but never changes a primary key. At
 * start-up this moves the key to (execution_id, attempt, sequence, metric_key), once: without it the points of a
 * second attempt, whose sequences start at 1 again, would collide with the first attempt's. Nothing happens on a new
 * database or one already upgraded.
 */
@ApplicationScoped
public class AttemptKeyUpgrade {

    static final String UPGRADE = """
            DO $upgrade$
            DECLARE pk text;
            BEGIN
            IF to_regclass('metric_point') IS NULL THEN RETURN; END IF;
            SELECT c.conname INTO pk FROM pg_constraint c
              WHERE c.conrelid = to_regclass('metric_point') AND c.contype = 'p';
            IF pk IS NOT NULL AND EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_attribute a
                ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.conrelid = to_regclass('metric_point') AND c.contype = 'p' AND a.attname = 'attempt') THEN
              RETURN;
            END IF;
            IF pk IS NOT NULL THEN
              EXECUTE format('ALTER TABLE metric_point DROP CONSTRAINT %I', pk);
            END IF;
            ALTER TABLE metric_point ADD PRIMARY KEY (execution_id, attempt, sequence, metric_key);
            RAISE NOTICE 'metric_point: primary key now includes attempt';
            END $upgrade$""";

    void onStart(@Observes StartupEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery(UPGRADE).executeUpdate())));
        } catch (Throwable t) {
            // a database that is not up yet: the next start tries again; a new database needs nothing
            Log.warnf("could not check metric_point's primary key for attempts: %s", t.toString());
        }
    }
}
