package io.parzen.deploy.conformance;

/** The outcome of one rule: pass or fail, with what was checked or what broke it. */
public record Verdict(Rule rule, boolean passed, String detail) {

    static Verdict pass(Rule rule, String detail) {
        return new Verdict(rule, true, detail);
    }

    static Verdict fail(Rule rule, String detail) {
        return new Verdict(rule, false, detail);
    }

    /** {@code PASS rule — detail} or {@code FAIL rule — detail}. */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + rule.id() + " — " + detail;
    }
}
