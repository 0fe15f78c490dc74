package io.parzen.task.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parzen.events.ParameterSpec;
import io.parzen.events.TargetSpec;
import io.parzen.events.TaskSpec;
import io.parzen.task.validation.TaskSpecNormalizer;
import io.parzen.task.validation.TaskSpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Blueprint task -> TaskSpec. */
class BlueprintConversionTest {

    static String resource(String name) throws IOException {
        try (InputStream in = BlueprintConversionTest.class.getResourceAsStream("/blueprints/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ParameterSpec param(TaskSpec spec, String name) {
        return spec.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static final String STEP = """
            - step:
                name: train-model
                image: python:3.11
                command: python3 train.py {parameters}
                time-limit: 2h
                parameters:
                  - {name: epochs, type: integer, default: 5}
                  - {name: learning_rate, type: float, default: 0.001, pass-as: '--lr={v}'}
                  - {name: dropout, type: float, default: 0.2}
                  - {name: activation, default: relu}
                  - {name: verbose, type: flag, default: true}
                  - {name: layers, type: integer, multiple: separate, multiple-separator: '-', default: [64, 32]}
                  - {name: note}
            """;

    /** A Bayesian task {@code name} of the step in {@link #STEP}: one learning rate, target val_accuracy towards 1. */
    static String bayesianTask(String name) {
        return """
                - task:
                    step: train-model
                    name: %s
                    type: bayesian_tpe
                    execution-count: 20
                    optimization-target-metric: val_accuracy
                    optimization-target-value: 1.0
                    parameters:
                      - {name: learning_rate, style: random, rules: {min: 0.0001, max: 0.1, distribution: uniform}}
                """.formatted(name);
    }

    static final String LIST_STEP = """
            - step:
                name: train
                image: python:3.11
                command:
                  - pip install -r requirements.txt
                  - python3 train.py {parameters}
                inputs:
                  - name: dataset
                    default: https://example.com/mnist.npz
                  - name: labels
                    default: [file:///data/a.csv, data/b.csv]
                  - name: extra
                parameters:
                  - {name: lr, type: float, default: 0.1}
            """;

    @Test
    void theTaskEnvironmentOverridesTheStepsAndTheStepImageIsCarried() {
        BlueprintDocument doc = Blueprint.parse(LIST_STEP.replace("    image: python:3.11\n",
                "    image: python:3.11\n    environment: cpu-pool\n") + """
                - task: {step: train, name: t, type: grid_search, environment: gpu-pool,
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                - task: {step: train, name: plain, type: grid_search,
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                """);
        assertThat(doc.errors()).isEmpty();
        assertThat(doc.warnings()).noneMatch(w -> w.toString().contains("'environment' is accepted but ignored"));
        TaskSpec spec = doc.toTaskSpec("t");
        assertThat(spec.environment()).isEqualTo("gpu-pool");
        assertThat(spec.image()).isEqualTo("python:3.11");
        assertThat(doc.toTaskSpec("plain").environment()).isEqualTo("cpu-pool");
        BlueprintDocument none = Blueprint.parse(STEP + """
                - task: {step: train-model, name: n, type: grid_search,
                         parameters: [{name: epochs, style: single, rules: {value: 3}}]}
                """);
        assertThat(none.toTaskSpec("n").environment()).isNull();
        assertThat(none.toTaskSpec("n").environmentOrDefault()).isEqualTo("local");
    }

    @Test
    void aCommandListAndTheStepInputsAreConverted() {
        BlueprintDocument doc = Blueprint.parse(LIST_STEP + """
                - task: {step: train, name: t, type: grid_search,
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                """);
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = doc.toTaskSpec("t");
        assertThat(spec.command()).isNull();
        assertThat(spec.commands()).containsExactly("pip install -r requirements.txt", "python3 train.py {parameters}");
        assertThat(spec.inputs()).containsExactly(Map.entry("dataset", List.of("https://example.com/mnist.npz")),
                Map.entry("labels", List.of("file:///data/a.csv", "data/b.csv")), Map.entry("extra", List.of()));
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(spec))).isEmpty();
    }

    @Test
    void aTaskOverridesTheStepInputs() {
        BlueprintDocument doc = Blueprint.parse(LIST_STEP + """
                - task: {step: train, name: t, type: grid_search,
                         inputs: {dataset: http://127.0.0.1:9/other.npz, extra: [x.csv, y.csv]},
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                - task: {step: train, name: bad, type: grid_search, inputs: {nope: a.csv},
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                """);
        TaskSpec spec = doc.toTaskSpec("t");
        assertThat(spec.inputs()).containsEntry("dataset", List.of("http://127.0.0.1:9/other.npz"))
                .containsEntry("extra", List.of("x.csv", "y.csv"))
                .containsEntry("labels", List.of("file:///data/a.csv", "data/b.csv"));
        assertThat(doc.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("step \"train\" has no input \"nope\"; its inputs: [dataset, labels, extra]"));
    }

    @Test
    void anUnsupportedInputSchemeIsRefusedAtCreationWithTheSupportedList() {
        BlueprintDocument doc = Blueprint.parse(LIST_STEP.replace("https://example.com/mnist.npz", "s3://b/mnist.npz")
                + """
                - task: {step: train, name: t, type: grid_search,
                         parameters: [{name: lr, style: single, rules: {value: 0.05}}]}
                """);
        assertThat(TaskSpecValidator.validate(TaskSpecNormalizer.normalize(doc.toTaskSpec("t"))))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("inputs.dataset[0]");
                    assertThat(e.value()).isEqualTo("s3://b/mnist.npz");
                    assertThat(e.message()).isEqualTo("scheme 's3:' is not supported; supported: [a local path,"
                            + " file://, http://, https://]");
                });
    }

    @Test
    void docsGridExample() {
        String yaml = STEP + """
                - task: {step: train-model, name: hyperparameter-sweep, type: grid-search, maximum-queued-executions: 3,
                         on-child-error: stop-all-and-error, parameters: [{name: epochs, style: multiple, rules: {items: [5,10,15,20,25]}},
                         {name: learning_rate, style: logspace, rules: {min: -5, max: -1, count: 5}}]}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = doc.toTaskSpec("hyperparameter-sweep");
        assertThat(spec.name()).isEqualTo("hyperparameter-sweep");
        assertThat(spec.type()).isEqualTo("grid_search");
        assertThat(spec.engine()).isNull();
        assertThat(spec.command()).isEqualTo("python3 train.py {parameters}");
        assertThat(spec.maxExecutions()).isEqualTo(25); // 5 epoch values x 5 learning rates
        assertThat(spec.batchSize()).isEqualTo(25);
        assertThat(spec.maximumQueuedExecutions()).isEqualTo(3);
        assertThat(spec.onChildError()).isEqualTo("stop-all-and-error");
        assertThat(spec.timeLimitSeconds()).isEqualTo(7200L);
        assertThat(spec.target()).isNull();
        assertThat(spec.earlyStopping()).isNull();
        assertThat(spec.parameterSets()).isNull();

        assertThat(spec.parameters()).extracting(ParameterSpec::name)
                .containsExactly("epochs", "learning_rate", "dropout", "activation", "verbose", "layers");
        ParameterSpec epochs = param(spec, "epochs");
        assertThat(epochs.style()).isEqualTo("multiple");
        assertThat(epochs.rules()).isEqualTo(Map.of("items", List.of(5L, 10L, 15L, 20L, 25L)));
        assertThat(epochs.passAs()).isEqualTo("--{name}={value}");
        ParameterSpec lr = param(spec, "learning_rate");
        assertThat(lr.style()).isEqualTo("logspace");
        assertThat(lr.rules()).containsEntry("min", -5L).containsEntry("max", -1L).containsEntry("count", 5L);
        assertThat(lr.passAs()).isEqualTo("--lr={v}");
        // not varied: the step default, as style single
        assertThat(param(spec, "dropout").style()).isEqualTo("single");
        assertThat(param(spec, "dropout").rules()).isEqualTo(Map.of("value", 0.2));
        assertThat(param(spec, "verbose").rules()).isEqualTo(Map.of("value", true));
        assertThat(param(spec, "verbose").passAs()).isEqualTo("--{name}");
        // multiple: separate -> the list as it is, with the mode and separator for the executor
        assertThat(param(spec, "layers").rules()).isEqualTo(Map.of("value", List.of(64L, 32L)));
        assertThat(param(spec, "layers").multiple()).isEqualTo("separate");
        assertThat(param(spec, "layers").multipleSeparator()).isEqualTo("-");
        assertThat(param(spec, "dropout").multiple()).isNull();
        // no default, not varied: left out
        assertThat(spec.parameters()).noneMatch(p -> p.name().equals("note"));
    }

    @Test
    void vyApiPayloadExampleAsParzenSpec() {
        // the blueprint behind the reference's §2.4 API payload
        String yaml = STEP + """
                - task:
                    step: train-model
                    name: bayes
                    type: bayesian_tpe
                    on-child-error: continue-and-complete
                    maximum-queued-executions: 3
                    stop-condition: execution.duration > 3600
                    execution-count: 100
                    execution-batch-size: 10
                    optimization-target-metric: val_loss
                    optimization-target-value: 0.01
                    engine: optuna
                    parameters:
                      - {name: learning_rate, style: multiple, rules: {items: [0.01, 0.001]}}
                """;
        TaskSpec spec = Blueprint.parse(yaml).toTaskSpec("bayes");
        assertThat(spec.type()).isEqualTo("bayesian_tpe");
        assertThat(spec.engine()).isEqualTo("optuna");
        assertThat(spec.maxExecutions()).isEqualTo(100);
        assertThat(spec.batchSize()).isEqualTo(10);
        assertThat(spec.onChildError()).isEqualTo("continue-and-complete");
        assertThat(spec.maximumQueuedExecutions()).isEqualTo(3);
        assertThat(spec.earlyStopping()).isEqualTo("execution.duration > 3600");
        assertThat(spec.target()).isEqualTo(new TargetSpec("val_loss", 0.01, null));
        ParameterSpec lr = param(spec, "learning_rate");
        assertThat(lr.distribution()).isEqualTo("categorical");
        assertThat(lr.values()).containsExactly(0.01, 0.001);
        assertThat(lr.style()).isNull();
        // fixed parameters of a Bayesian task: a categorical with one value
        assertThat(param(spec, "epochs").distribution()).isEqualTo("categorical");
        assertThat(param(spec, "epochs").values()).containsExactly(5L);
    }

    @Test
    void bayesianDistributions() {
        String yaml = STEP + """
                - task:
                    step: train-model
                    name: b
                    type: bayesian_tpe
                    execution-count: 50
                    optimization-target-metric: val_accuracy
                    optimization-target-value: 1
                    parameters:
                      - {name: learning_rate, style: random, rules: {distribution: LogUniform, min: -5, max: -1}}
                      - {name: dropout, style: random, rules: {min: 0.0, max: 0.5, step: 0.05}}
                      - {name: epochs, style: linear, rules: {start: 5, end: 50, step: 5}}
                      - {name: activation, style: random, rules: {distribution: categorical, items: [relu, tanh]}}
                      - {name: verbose, style: single, rules: {value: false}}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.errors()).isEmpty();
        TaskSpec spec = doc.toTaskSpec("b");
        assertThat(spec.engine()).isEqualTo("optuna"); // the default
        assertThat(spec.batchSize()).isEqualTo(5); // Parzen's Bayesian default
        assertThat(spec.target()).isEqualTo(new TargetSpec("val_accuracy", 1.0, null));
        assertThat(param(spec, "learning_rate")).isEqualTo(new ParameterSpec("learning_rate", "loguniform", -5.0, -1.0,
                null, null, null, null, "--lr={v}"));
        assertThat(param(spec, "dropout")).isEqualTo(new ParameterSpec("dropout", "uniform", 0.0, 0.5, 0.05, null,
                null, null, "--{name}={value}"));
        assertThat(param(spec, "epochs")).isEqualTo(new ParameterSpec("epochs", "integer", 5.0, 50.0, 5.0, null, null,
                null, "--{name}={value}"));
        assertThat(param(spec, "activation").values()).containsExactly("relu", "tanh");
        assertThat(param(spec, "verbose").values()).containsExactly(false);
    }

    @Test
    void bayesianLogspaceAndIntegers() {
        String yaml = """
                - step:
                    name: s
                    image: i
                    command: c {parameters}
                    parameters:
                      - {name: lr, type: float}
                      - {name: units, type: integer}
                      - {name: x, type: float}
                      - {name: y, type: float}
                - task:
                    step: s
                    name: b
                    type: bayesian_tpe
                    execution-count: 30
                    execution-batch-size: 50
                    optimization-target-metric: loss
                    optimization-target-value: 0
                    parameters:
                      - {name: lr, style: logspace, rules: {start: -10, end: -2, base: 2, count: 5}}
                      - {name: units, style: random, rules: {min: 16, max: 256}}
                      - {name: x, style: random, rules: {min: 0, max: 10, integerify: true}}
                      - {name: y, style: linear, rules: {start: 0.5, end: 1.5, step: 0.1}}
                """;
        TaskSpec spec = Blueprint.parse(yaml).toTaskSpec("b");
        ParameterSpec lr = param(spec, "lr");
        assertThat(lr.distribution()).isEqualTo("loguniform");
        assertThat(lr.min()).isCloseTo(-10 * Math.log10(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lr.max()).isCloseTo(-2 * Math.log10(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(param(spec, "units").distribution()).isEqualTo("integer");
        assertThat(param(spec, "units").qStep()).isNull();
        assertThat(param(spec, "x").distribution()).isEqualTo("integer");
        assertThat(param(spec, "y")).isEqualTo(new ParameterSpec("y", "uniform", 0.5, 1.5, 0.1, null, null, null,
                "--{name}={value}"));
        assertThat(spec.batchSize()).isEqualTo(30); // capped at the execution count
    }

    @Test
    void bayesianChecks() {
        BlueprintDocument doc = Blueprint.parse("""
                - step: {name: s, image: i, command: c, parameters: [{name: lr, type: float}, {name: n, type: integer}]}
                - task:
                    step: s
                    name: b
                    type: bayesian_tpe
                    engine: skopt
                    parameters:
                      - {name: lr, style: random, rules: {distribution: normal, min: 0, max: 1}}
                      - {name: n, style: random, rules: {min: 0.5, max: 10}}
                - task:
                    step: s
                    name: few
                    type: bayesian_tpe
                    execution-count: 10
                    optimization-target-metric: loss
                    optimization-target-value: 0
                    parameters:
                      - {name: lr, style: random, rules: {distribution: loguniform, min: 0.001, max: 0.5}}
                """);
        assertThat(doc.errors()).extracting(LintMessage::message).containsExactlyInAnyOrder(
                "distribution 'normal' is not supported for bayesian_tpe; allowed: uniform, loguniform, integer, categorical",
                "integer values need whole 'min' and 'max'",
                "a bayesian_tpe task needs 'optimization-target-metric': the metadata key to optimize",
                "a bayesian_tpe task needs 'optimization-target-value': Parzen optimizes the metric towards it",
                "unknown engine 'skopt'; allowed: " + String.join(", ", io.parzen.task.validation.Vocabulary.ENGINES));
        // item 5 of issue 13: a Bayesian task without execution-count runs 50 (a warning, no longer an error)
        assertThat(doc.warnings()).extracting(LintMessage::message).contains("no 'execution-count': Parzen runs 50"
                + " executions (20 random, then Bayesian), as in Valohai's own example; set 'execution-count' to choose");
        assertThat(doc.warnings()).extracting(LintMessage::message).anySatisfy(m -> assertThat(m)
                .contains("fewer than 20 executions"));
        assertThat(doc.warnings()).extracting(LintMessage::message).anySatisfy(m -> assertThat(m)
                .contains("base-10 exponents"));
        // the errors of task b do not block task few
        assertThat(doc.toTaskSpec("few").maxExecutions()).isEqualTo(10);
        assertThatThrownBy(() -> doc.toTaskSpec("b")).isInstanceOf(BlueprintException.class)
                .satisfies(e -> assertThat(((BlueprintException) e).errors()).hasSize(5));
    }

    @Test
    void randomSearchKeepsStylesAndNeedsACount() {
        String yaml = STEP + """
                - task:
                    step: train-model
                    name: r
                    type: random_search
                    execution-count: 20
                    parameters:
                      - {name: dropout, style: random, rules: {min: 0, max: 0.5, count: 20, distribution: uniform, seed: 3}}
                - task:
                    step: train-model
                    name: r2
                    type: random_search
                    parameters:
                      - {name: dropout, style: random, rules: {min: 0, max: 0.5, count: 20}}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        TaskSpec spec = doc.toTaskSpec("r");
        assertThat(spec.type()).isEqualTo("random_search");
        assertThat(spec.maxExecutions()).isEqualTo(20);
        assertThat(spec.batchSize()).isEqualTo(20);
        assertThat(param(spec, "dropout").style()).isEqualTo("random");
        assertThat(param(spec, "dropout").rules()).containsEntry("seed", 3L).containsEntry("distribution", "uniform");
        assertThatThrownBy(() -> doc.toTaskSpec("r2")).isInstanceOf(BlueprintException.class)
                .hasMessageContaining("needs 'execution-count'");
    }

    @Test
    void gridExecutionCountVersusGridSize() {
        String yaml = STEP + """
                - task: {step: train-model, name: less, execution-count: 2,
                         parameters: [{name: epochs, style: multiple, rules: {items: [1, 2, 3]}}]}
                - task: {step: train-model, name: more, execution-count: 10,
                         parameters: [{name: epochs, style: multiple, rules: {items: [1, 2, 3]}}]}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.toTaskSpec("less").maxExecutions()).isEqualTo(2);
        assertThat(doc.toTaskSpec("more").maxExecutions()).isEqualTo(3);
        assertThat(doc.warnings()).extracting(LintMessage::message).contains(
                "execution-count 2 is less than the grid size 3: only the first 2 combinations run",
                "execution-count 10 is more than the grid size 3: the 3 combinations run once each");
    }

    @Test
    void manualSearch() {
        String yaml = STEP + """
                - task:
                    step: train-model
                    name: m
                    type: manual_search
                    execution-batch-size: 2
                    parameter-sets:
                      - {epochs: 5, learning_rate: 0.01}
                      - {}
                      - {epochs: 10, activation: tanh, layers: [8, 4]}
                """;
        TaskSpec spec = Blueprint.parse(yaml).toTaskSpec("m");
        assertThat(spec.type()).isEqualTo("manual_search");
        assertThat(spec.maxExecutions()).isEqualTo(2);
        assertThat(spec.batchSize()).isEqualTo(2);
        assertThat(spec.parameters()).allSatisfy(p -> {
            assertThat(p.style()).isNull();
            assertThat(p.distribution()).isNull();
            assertThat(p.passAs()).isNotNull();
        });
        assertThat(spec.parameterSets()).hasSize(2);
        assertThat(spec.parameterSets().get(0)).containsExactly(Map.entry("epochs", 5L),
                Map.entry("learning_rate", 0.01), Map.entry("dropout", 0.2), Map.entry("activation", "relu"),
                Map.entry("verbose", true), Map.entry("layers", List.of(64L, 32L)));
        assertThat(spec.parameterSets().get(1)).containsEntry("activation", "tanh")
                .containsEntry("layers", List.of(8L, 4L))
                .containsEntry("learning_rate", 0.001);
    }

    @Test
    void flagPassAs() {
        String yaml = """
                - step:
                    name: s
                    image: i
                    command: c {parameters}
                    parameters:
                      - {name: a, type: flag, default: true}
                      - {name: b, type: flag, default: true, pass-as: --enable-b}
                      - {name: c, type: flag, default: true, pass-true-as: --c=yes, pass-false-as: --c=no}
                      - {name: d, type: flag, default: true, pass-false-as: --no-d}
                      - {name: e, type: string, default: x, pass-as: '-e {v}'}
                - task: {step: s, name: t, parameters: [{name: a, style: multiple, rules: {items: [true, false]}}]}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.errors()).isEmpty();
        assertThat(doc.warnings()).extracting(LintMessage::message)
                .filteredOn(m -> m.contains("pass-false-as")).hasSize(2);
        TaskSpec spec = doc.toTaskSpec("t");
        assertThat(spec.parameters()).extracting(ParameterSpec::passAs)
                .containsExactly("--{name}", "--enable-b", "--c=yes", "", "-e {v}");
    }

    @Test
    void stopConditionTargetAndTimeLimitFromTheRealisticBlueprint() throws IOException {
        BlueprintDocument doc = Blueprint.parse(resource("mnist.valohai.yaml"));
        assertThat(doc.errors()).isEmpty();
        assertThat(doc.stepNames()).containsExactly("preprocess", "train-model");
        assertThat(doc.taskNames()).containsExactly("hyperparameter-sweep", "random-dropout", "bayes", "hand-picked");
        // issue 13: step inputs are converted now, no longer ignored
        assertThat(doc.warnings()).extracting(LintMessage::message).containsExactly(
                "'pipeline' items are not supported by Parzen and are ignored");
        assertThat(doc.lint().valid()).isTrue();

        TaskSpec grid = doc.toTaskSpec("hyperparameter-sweep");
        assertThat(grid.maxExecutions()).isEqualTo(25);
        assertThat(grid.timeLimitSeconds()).isEqualTo(5400L);

        TaskSpec random = doc.toTaskSpec("random-dropout");
        assertThat(random.maxExecutions()).isEqualTo(12);
        assertThat(random.batchSize()).isEqualTo(4);
        assertThat(random.earlyStopping()).isEqualTo("val_accuracy > 0.98");

        TaskSpec bayes = doc.toTaskSpec("bayes");
        assertThat(bayes.onChildError()).isEqualTo("continue-and-complete");
        assertThat(bayes.earlyStopping()).isEqualTo("val_accuracy >= 0.99 or execution.duration > 3600");
        assertThat(param(bayes, "hidden")).isEqualTo(new ParameterSpec("hidden", "integer", 32.0, 512.0, 32.0, null,
                null, null, "--{name}={value}"));
        assertThat(param(bayes, "augment").passAs()).isEqualTo("--augment");

        TaskSpec manual = doc.toTaskSpec("hand-picked");
        assertThat(manual.maxExecutions()).isEqualTo(2);
    }

    @Test
    void unknownTaskAndErrorsCarryLineAndColumn() {
        BlueprintDocument doc = Blueprint.parse(STEP + """
                - task:
                    step: train-model
                    name: broken
                    execution_count: 3
                    parameters: [{name: epochs, style: single, rules: {value: 1}}]
                - task:
                    step: train-model
                    name: fine
                    parameters: [{name: epochs, style: single, rules: {value: 1}}]
                """);
        assertThatThrownBy(() -> doc.toTaskSpec("nope")).isInstanceOf(BlueprintException.class)
                .hasMessageContaining("no task named \"nope\"").hasMessageContaining("[broken, fine]");
        assertThatThrownBy(() -> doc.toTaskSpec("broken")).isInstanceOf(BlueprintException.class)
                .hasMessageContaining("line 17, column 5: unknown key 'execution_count'")
                .satisfies(e -> assertThat(((BlueprintException) e).errors()).singleElement()
                        .satisfies(m -> assertThat(m.path()).isEqualTo("task \"broken\".execution_count")));
        assertThat(doc.toTaskSpec("fine").maxExecutions()).isEqualTo(1);
        assertThatThrownBy(doc::toTaskSpec).isInstanceOf(BlueprintException.class)
                .hasMessageContaining("has 2 tasks");
        assertThat(doc.messagesFor("fine")).extracting(LintMessage::severity).containsOnly(LintMessage.WARNING);
    }

    @Test
    void stepErrorsBlockTheTasksThatUseIt() {
        // the step error was a command list, which is valid since issue 13; a mapping is still an error
        BlueprintDocument doc = Blueprint.parse("""
                - step: {name: s, image: i, command: {x: 1}, parameters: [{name: x, default: 1}]}
                - task: {name: t, step: s, parameters: [{name: x, style: single, rules: {value: 2}}]}
                """);
        assertThatThrownBy(() -> doc.toTaskSpec("t")).isInstanceOf(BlueprintException.class)
                .hasMessageContaining("line 1, column 38");
    }

    @Test
    void syntaxErrorsBlockEverything() {
        BlueprintDocument doc = Blueprint.parse("- task: {name: t, step: s\n");
        assertThat(doc.tasks()).isEmpty();
        assertThatThrownBy(() -> doc.toTaskSpec("t")).isInstanceOf(BlueprintException.class)
                .satisfies(e -> assertThat(((BlueprintException) e).errors().get(0).message())
                        .startsWith("YAML syntax error"));
    }

    @Test
    void onlyTask() {
        BlueprintDocument doc = Blueprint.parse(STEP + """
                - task: {step: train-model, name: only, parameters: [{name: epochs, style: single, rules: {value: 1}}]}
                """);
        assertThat(doc.toTaskSpec().name()).isEqualTo("only");
    }

    @Test
    void everyConvertedTaskPassesTaskServiceValidation() throws IOException {
        for (String yaml : List.of(resource("mnist.valohai.yaml"), STEP + """
                - task: {step: train-model, name: g, type: grid-search, parameters: [{name: epochs, style: linear, rules: {start: 1, end: 9, step: 2}},
                         {name: dropout, style: random, rules: {min: 0, max: 0.5, count: 3, seed: 1}}]}
                - task: {step: train-model, name: b, type: bayesian_tpe, execution-count: 30, optimization-target-metric: m,
                         optimization-target-value: 1, parameters: [{name: learning_rate, style: logspace, rules: {start: -5, end: -1}},
                         {name: epochs, style: linear, rules: {start: 1, end: 20, step: 1}}]}
                - task: {step: train-model, name: m, type: manual_search, parameter-sets: [{epochs: 1}, {epochs: 2}]}
                """)) {
            BlueprintDocument doc = Blueprint.parse(yaml);
            assertThat(doc.errors()).isEmpty();
            for (String task : doc.taskNames()) {
                TaskSpec spec = TaskSpecNormalizer.normalize(doc.toTaskSpec(task));
                assertThat(TaskSpecValidator.validate(spec)).as(task).isEmpty();
            }
        }
    }

    @Test
    void multipleRepeatAndSeparateCarryTheirListsToTheTaskSpec() {
        String yaml = """
                - step:
                    name: s
                    image: i
                    command: c {parameters}
                    parameters:
                      - {name: tag, multiple: repeat, default: [a, b]}
                      - {name: ids, type: integer, multiple: separate, multiple-separator: ' ', default: [1, 2]}
                      - {name: one, multiple: repeat, default: x}
                      - {name: epochs, type: integer, default: 1}
                - task: {step: s, name: g, type: grid-search, parameters: [{name: epochs, style: multiple, rules: {items: [1, 2]}}]}
                - task: {step: s, name: m, type: manual_search, parameter-sets: [{epochs: 1}, {epochs: 2, tag: [c, "d e"]}]}
                - task: {step: s, name: v, type: grid-search, parameters: [{name: tag, style: multiple, rules: {items: [[a], [b, c]]}}]}
                - task: {step: s, name: b, type: bayesian_tpe, execution-count: 2, optimization-target-metric: loss,
                         optimization-target-value: 0, parameters: [{name: epochs, style: multiple, rules: {items: [1, 2]}}]}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.errors()).isEmpty();
        assertThat(doc.warnings()).extracting(LintMessage::message).noneMatch(m -> m.contains("multiple"));
        TaskSpec grid = doc.toTaskSpec("g");
        assertThat(param(grid, "tag").rules()).isEqualTo(Map.of("value", List.of("a", "b")));
        assertThat(param(grid, "tag").multiple()).isEqualTo("repeat");
        assertThat(param(grid, "ids").rules()).isEqualTo(Map.of("value", List.of(1L, 2L)));
        assertThat(param(grid, "ids").multiple()).isEqualTo("separate");
        assertThat(param(grid, "ids").multipleSeparator()).isEqualTo(" ");
        // Valohai reads a scalar default of a multiple parameter as a list of one
        assertThat(param(grid, "one").rules()).isEqualTo(Map.of("value", List.of("x")));
        assertThat(param(grid, "epochs").multiple()).isNull();
        TaskSpec manual = doc.toTaskSpec("m");
        assertThat(manual.parameterSets()).extracting(set -> set.get("tag"))
                .containsExactly(List.of("a", "b"), List.of("c", "d e"));
        assertThat(param(manual, "tag").multiple()).isEqualTo("repeat");
        TaskSpec variants = doc.toTaskSpec("v");
        assertThat(param(variants, "tag").rules()).isEqualTo(Map.of("items", List.of(List.of("a"), List.of("b", "c"))));
        TaskSpec bayes = doc.toTaskSpec("b");
        assertThat(param(bayes, "tag").values()).containsExactly(List.of("a", "b"));
        assertThat(param(bayes, "tag").multiple()).isEqualTo("repeat");
        for (TaskSpec spec : List.of(grid, manual, variants, bayes)) {
            TaskSpec normalized = TaskSpecNormalizer.normalize(spec);
            assertThat(TaskSpecValidator.validate(normalized)).as(spec.name()).isEmpty();
            assertThat(param(normalized, "tag").multiple()).as(spec.name()).isEqualTo("repeat");
        }
    }

    @Test
    void aListValueForAParameterWithoutMultipleIsAnErrorNamingIt() {
        String yaml = """
                - step:
                    name: s
                    image: i
                    command: c {parameters}
                    parameters:
                      - {name: tag, default: a}
                      - {name: epochs, type: integer, default: 1}
                - task: {step: s, name: m, type: manual_search, parameter-sets: [{tag: [a, b]}]}
                - task: {step: s, name: g, type: grid_search, parameters: [{name: tag, style: single, rules: {value: [a, b]}}]}
                - task: {step: s, name: i, type: grid_search, parameters: [{name: epochs, style: multiple, rules: {items: [1, [2, 3]]}}]}
                """;
        BlueprintDocument doc = Blueprint.parse(yaml);
        assertThat(doc.errors()).extracting(LintMessage::message)
                .anyMatch(m -> m.contains("is a list, but parameter \"tag\" does not set 'multiple'"))
                .anyMatch(m -> m.contains("is a list, but parameter \"epochs\" does not set 'multiple'"));
        assertThat(doc.errors()).extracting(LintMessage::path)
                .contains("task \"m\".parameter-sets[0].tag", "task \"g\".parameters.tag.rules.value",
                        "task \"i\".parameters.epochs.rules.items");
    }
}
