package io.parzen.metrics.point;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.deploy.testing.KafkaTestResource;
import io.parzen.deploy.testing.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A metric_point table from before attempts gets its primary key with attempt at start-up, once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AttemptKeyUpgradeTest {

    /**
     * The primary key as it was before attempts. A table from before attempts held first attempts only: the
     * later attempts other tests of this database stored (same execution, sequence and key) go first.
     */
    private static final String OLD_KEY = """
            DO $old$ DECLARE pk text; BEGIN
            DELETE FROM metric_point WHERE coalesce(attempt, 1) > 1;
            SELECT conname INTO pk FROM pg_constraint WHERE conrelid = to_regclass('metric_point') AND contype = 'p';
            EXECUTE format('ALTER TABLE metric_point DROP CONSTRAINT %I', pk);
            ALTER TABLE metric_point ADD PRIMARY KEY (execution_id, sequence, metric_key);
            END $old$""";

    private static final String KEY_COLUMNS = """
            SELECT string_agg(a.attname, ',' ORDER BY a.attname)
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = to_regclass('metric_point') AND c.contype = 'p'""";

    @Inject
    AttemptKeyUpgrade upgrade;

    private static void sql(String statement) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(statement).executeUpdate())));
    }

    private static String keyColumns() throws Throwable {
        Object columns = VertxContextSupport.<Object>subscribeAndAwait(() -> Panache.withSession(() -> Panache
                .getSession().chain(s -> s.<Object>createNativeQuery(KEY_COLUMNS).getSingleResult())));
        return String.valueOf(columns);
    }

    @Test
    void theOldKeyGetsTheAttemptAndANewOneIsLeftAlone() throws Throwable {
        assertThat(keyColumns()).isEqualTo("attempt,execution_id,metric_key,sequence");
        upgrade.onStart(null);
        assertThat(keyColumns()).isEqualTo("attempt,execution_id,metric_key,sequence");

        sql(OLD_KEY);
        assertThat(keyColumns()).isEqualTo("execution_id,metric_key,sequence");
        upgrade.onStart(null);
        assertThat(keyColumns()).isEqualTo("attempt,execution_id,metric_key,sequence");
    }
}
