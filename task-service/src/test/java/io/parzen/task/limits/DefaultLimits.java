package io.parzen.task.limits;

/** The documented defaults of {@link TaskLimits}, for tests without Quarkus. */
class DefaultLimits implements TaskLimits {

    @Override
    public long bodySize() {
        return 1_048_576;
    }

    @Override
    public int nameLength() {
        return 200;
    }

    @Override
    public int commandLength() {
        return 4096;
    }

    @Override
    public int workingDirectoryLength() {
        return 1024;
    }

    @Override
    public int parameters() {
        return 100;
    }

    @Override
    public int values() {
        return 1000;
    }

    @Override
    public int valueLength() {
        return 1024;
    }

    @Override
    public int parameterSets() {
        return 10_000;
    }

    @Override
    public int maxExecutions() {
        return 100_000;
    }

    @Override
    public int batchSize() {
        return 1000;
    }

    @Override
    public int expressionLength() {
        return 1000;
    }

    @Override
    public int expressionDepth() {
        return 64;
    }

    @Override
    public Yaml yaml() {
        return new Yaml() {
            @Override
            public long nodes() {
                return 100_000;
            }

            @Override
            public int aliases() {
                return 50;
            }
        };
    }
}
