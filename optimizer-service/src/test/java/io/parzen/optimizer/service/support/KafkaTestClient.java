package io.parzen.optimizer.service.support;

import io.parzen.messaging.testing.TestKafka;

/**
 * Plain Kafka clients for black-box tests: the messaging kit's test client, with optimizer-service's
 * dead-letter topic.
 */
public final class KafkaTestClient extends TestKafka {

    public static final String DEAD_LETTER_TOPIC = "parzen.dead-letter.optimizer-service";

    public KafkaTestClient() {
        super(DEAD_LETTER_TOPIC);
    }
}
