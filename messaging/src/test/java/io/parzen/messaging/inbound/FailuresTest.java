package io.parzen.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.parzen.messaging.inbound.Failures.Kind;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void badInputIsInvalidWhereverItIsInTheChain() {
        assertThat(Failures.kind(new InvalidEventException("x"))).isEqualTo(Kind.INVALID);
        assertThat(Failures.kind(new CompletionException(new InvalidEventException("x")))).isEqualTo(Kind.INVALID);
    }

    @Test
    void databaseAndNetworkFailuresAreTransient() {
        assertThat(Failures.kind(new IOException("connection reset"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(new RuntimeException(new java.util.concurrent.TimeoutException()))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(new PgException("deadlock detected", "ERROR", "40P01", null))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(new PgException("duplicate key", "ERROR", "23505", null))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(new PgException("the database system is shutting down", "FATAL", "57P03", null)))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.kind(new TransientFailureException("busy"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void everythingElseIsABugEvenAnIllegalArgumentOrAnSqlError() {
        assertThat(Failures.kind(new NullPointerException())).isEqualTo(Kind.BUG);
        assertThat(Failures.kind(new IllegalArgumentException("bad argument"))).isEqualTo(Kind.BUG);
        assertThat(Failures.kind(new IllegalStateException("bad state"))).isEqualTo(Kind.BUG);
        assertThat(Failures.kind(new PgException("column \"x\" does not exist", "ERROR", "42703", null)))
                .isEqualTo(Kind.BUG);
        // a database error is what its SQLSTATE says, even though PgException is a VertxException
        assertThat(Failures.kind(new RuntimeException(new PgException("syntax", "ERROR", "42601", null))))
                .isEqualTo(Kind.BUG);
    }
}
