/**
 * The words of the event contract: each enum lists the exact strings a field of an event may
 * carry ({@link io.parzen.events.vocabulary.WireValue#wireName()}), in the order error messages
 * list them, and the JSON Schemas carry the same lists as {@code enum}s (ContractTest checks that
 * they agree). {@link io.parzen.events.vocabulary.TaskDefaults} says what an absent field means.
 *
 * <p>The event records keep these fields as {@code String}: a record must read every event an
 * older or newer producer wrote (an unknown word is the consumer's decision — reject the task,
 * dead-letter the record, show it as is — not a parse failure of the whole event), and every
 * existing constructor keeps compiling. Consumers turn a field into its word with {@code fromWire}
 * (an error that names the value and the allowed ones) or {@code find} (empty when unknown).
 */
package io.parzen.events.vocabulary;
