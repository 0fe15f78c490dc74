package io.parzen.task.support;

import io.parzen.messaging.testing.TestKafka;

/**
 * Plays the optimizer and the executor in tests: the messaging kit's test client, with
 * task-service's dead-letter topic.
 */
public final class KafkaSupport extends TestKafka {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.task-service";

    public KafkaSupport() {
        super(DEAD_LETTER_TOPIC);
    }
}
