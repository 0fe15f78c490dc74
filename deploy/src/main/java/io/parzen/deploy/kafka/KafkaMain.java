package io.parzen.deploy.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link EmbeddedKafka} in the foreground as its own process, until SIGTERM (or Ctrl-C): the
 * launcher starts it in the background. Prints {@value #READY} and the bootstrap address when the
 * broker is up.
 *
 * <pre>java -cp ... io.parzen.deploy.kafka.KafkaMain [--host 127.0.0.1] --port 9092 --controller-port 9093 --dir .parzen/kafka</pre>
 */
public final class KafkaMain {

    /** The line prefix the launcher waits for in the log. */
    public static final String READY = "PARZEN-READY kafka";

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = EmbeddedKafka.LOOPBACK;
        int port = 9092;
        int controllerPort = 9093;
        Path dir = Path.of(".parzen/kafka");
        Path securityDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--controller-port" -> controllerPort = Integer.parseInt(value(args, ++i, a));
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--secure" -> securityDir = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.println("usage: KafkaMain [--host 127.0.0.1] [--port 9092] [--controller-port 9093] [--dir .parzen/kafka]"
                            + " [--secure SECURITY_DIR]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + a);
                    System.exit(2);
                }
            }
        }
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = new EmbeddedKafka(host, port, controllerPort, dir.toAbsolutePath());
        if (securityDir != null) {
            kafka.secured(securityDir);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("PARZEN kafka: stopping");
            try {
                kafka.close();
            } finally {
                System.out.println("PARZEN kafka: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "kafka-shutdown"));
        try {
            kafka.start();
        } catch (Throwable e) {
            System.err.println("PARZEN kafka: could not start: " + e);
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        System.out.printf("%s %s (log dir %s, %s, started in %.1f s)%n", READY, kafka.bootstrapServers(),
                dir.toAbsolutePath(), securityDir == null ? "PLAINTEXT" : "SASL_SSL, security files in " + securityDir,
                (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        stopped.await();
    }

    static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            System.err.println("missing value for " + name);
            System.exit(2);
        }
        return args[i];
    }
}
