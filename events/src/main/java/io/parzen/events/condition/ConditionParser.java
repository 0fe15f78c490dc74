package io.parzen.events.condition;

import io.parzen.events.condition.Expression.Arithmetic;
import io.parzen.events.condition.Expression.Call;
import io.parzen.events.condition.Expression.ChainedCompare;
import io.parzen.events.condition.Expression.Compare;
import io.parzen.events.condition.Expression.Duration;
import io.parzen.events.condition.Expression.Literal;
import io.parzen.events.condition.Expression.Logic;
import io.parzen.events.condition.Expression.MetadataRef;
import io.parzen.events.condition.Expression.Negate;
import io.parzen.events.condition.Expression.Node;
import io.parzen.events.condition.Expression.Not;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the text of a {@link StopCondition} into its {@link Expression} tree: a lexer and a recursive-descent
 * parser for the grammar in {@link StopCondition}'s class comment, with positions in every error.
 */
final class ConditionParser {

    private ConditionParser() {
    }

    // ------------------------------------------------------------------ lexer

    enum Kind {
        NUMBER, STRING, NAME, LPAREN, RPAREN, COMMA, OP, AND, OR, NOT, TRUE, FALSE, END
    }

    record Token(Kind kind, String text, Object value, int position) {
        String describe() {
            return switch (kind) {
                case END -> "end of expression";
                case STRING -> "string " + text;
                case NUMBER -> "number " + text;
                case NAME -> "name '" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    static final class Lexer {
        final String s;
        int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                Token t = next();
                out.add(t);
                if (t.kind() == Kind.END) {
                    return out;
                }
            }
        }

        Token next() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            if (i >= s.length()) {
                return new Token(Kind.END, "", null, start);
            }
            char c = s.charAt(i);
            if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                return number(start);
            }
            if (c == '\'' || c == '"') {
                return string(start, c);
            }
            if (isNameStart(c)) {
                return name(start);
            }
            i++;
            switch (c) {
                case '(':
                    return new Token(Kind.LPAREN, "(", null, start);
                case ')':
                    return new Token(Kind.RPAREN, ")", null, start);
                case ',':
                    return new Token(Kind.COMMA, ",", null, start);
                case '+':
                case '-':
                case '*':
                case '/':
                    return new Token(Kind.OP, String.valueOf(c), null, start);
                case '<':
                case '>':
                    if (peek('=')) {
                        i++;
                        return new Token(Kind.OP, c + "=", null, start);
                    }
                    return new Token(Kind.OP, String.valueOf(c), null, start);
                case '=':
                    if (peek('=')) {
                        i++;
                    }
                    return new Token(Kind.OP, "==", null, start);
                case '!':
                    if (peek('=')) {
                        i++;
                        return new Token(Kind.OP, "!=", null, start);
                    }
                    return new Token(Kind.NOT, "!", null, start);
                case '&':
                    if (peek('&')) {
                        i++;
                        return new Token(Kind.AND, "&&", null, start);
                    }
                    throw new ConditionSyntaxException(
                            "stop condition: unexpected '&' at position " + start + "; use '&&' or 'and'", start);
                case '|':
                    if (peek('|')) {
                        i++;
                        return new Token(Kind.OR, "||", null, start);
                    }
                    throw new ConditionSyntaxException(
                            "stop condition: unexpected '|' at position " + start + "; use '||' or 'or'", start);
                default:
                    throw new ConditionSyntaxException("stop condition: unexpected character '" + c
                            + "' at position " + start, start);
            }
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        Token number(int start) {
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (peek('.')) {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                    j++;
                }
                if (j < s.length() && Character.isDigit(s.charAt(j))) {
                    i = j;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                } else {
                    throw new ConditionSyntaxException("stop condition: malformed number '"
                            + s.substring(start, Math.min(j, s.length())) + "' at position " + start
                            + "; expected digits after the exponent", start);
                }
            }
            if (i < s.length() && (isNameStart(s.charAt(i)) || s.charAt(i) == '.')) {
                throw new ConditionSyntaxException("stop condition: malformed number at position " + start
                        + "; unexpected '" + s.charAt(i) + "' at position " + i, i);
            }
            String text = s.substring(start, i);
            return new Token(Kind.NUMBER, text, Double.parseDouble(text), start);
        }

        Token string(int start, char quote) {
            i++;
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == quote) {
                    return new Token(Kind.STRING, s.substring(start, i), sb.toString(), start);
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new ConditionSyntaxException("stop condition: unterminated string starting at position " + start
                    + "; expected a closing " + quote, start);
        }

        Token name(int start) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (isNamePart(c)) {
                    i++;
                } else if ((c == '.' || c == '-') && i + 1 < s.length() && isNameStart(s.charAt(i + 1))) {
                    i += 2; // foo.bar, val-acc
                } else {
                    break;
                }
            }
            String text = s.substring(start, i);
            switch (text.toLowerCase(Locale.ROOT)) {
                case "and":
                    return new Token(Kind.AND, text, null, start);
                case "or":
                    return new Token(Kind.OR, text, null, start);
                case "not":
                    return new Token(Kind.NOT, text, null, start);
                case "true":
                    return new Token(Kind.TRUE, text, Boolean.TRUE, start);
                case "false":
                    return new Token(Kind.FALSE, text, Boolean.FALSE, start);
                default:
                    return new Token(Kind.NAME, text, null, start);
            }
        }

        static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }
    }

    // ------------------------------------------------------------------ parser

    static final String EXPECTED_OPERAND = "a number, a string, a name, 'not' or '('";

    static final class Parser {
        final List<Token> tokens;
        int p;
        final Set<String> keys = new LinkedHashSet<>();
        boolean duration;

        final int maxDepth;

        Parser(String s, int maxDepth) {
            this.tokens = new Lexer(s).tokens();
            this.maxDepth = maxDepth;
        }

        Node parseAll() {
            Node n = or();
            Token t = peek();
            if (t.kind() != Kind.END) {
                throw unexpected(t, "an operator ('and', 'or', a comparison or arithmetic) or the end");
            }
            return n;
        }

        Token peek() {
            return tokens.get(p);
        }

        Token advance() {
            return tokens.get(p++);
        }

        ConditionSyntaxException unexpected(Token t, String expected) {
            return new ConditionSyntaxException("stop condition: unexpected " + t.describe() + " at position "
                    + t.position() + "; expected " + expected, t.position());
        }

        Node or() {
            Node left = and();
            while (peek().kind() == Kind.OR) {
                Token op = advance();
                left = new Logic(op.position(), false, left, and());
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (peek().kind() == Kind.AND) {
                Token op = advance();
                left = new Logic(op.position(), true, left, not());
            }
            return left;
        }

        Node not() {
            if (peek().kind() == Kind.NOT) {
                Token op = advance();
                enter(op);
                Node operand = not();
                nesting--;
                return new Not(op.position(), operand);
            }
            return comparison();
        }

        Node comparison() {
            Node first = sum();
            List<String> ops = new ArrayList<>();
            List<Node> operands = new ArrayList<>();
            operands.add(first);
            int position = -1;
            while (isComparison(peek())) {
                Token op = advance();
                if (position < 0) {
                    position = op.position();
                }
                ops.add(op.text());
                operands.add(sum());
            }
            if (ops.isEmpty()) {
                return first;
            }
            if (ops.size() == 1) {
                return new Compare(position, ops.get(0), operands.get(0), operands.get(1));
            }
            return new ChainedCompare(position, ops, operands);
        }

        static boolean isComparison(Token t) {
            if (t.kind() != Kind.OP) {
                return false;
            }
            return switch (t.text()) {
                case "<", "<=", ">", ">=", "==", "!=" -> true;
                default -> false;
            };
        }

        Node sum() {
            Node left = product();
            while (peek().kind() == Kind.OP && (peek().text().equals("+") || peek().text().equals("-"))) {
                Token op = advance();
                left = new Arithmetic(op.position(), op.text().charAt(0), left, product());
            }
            return left;
        }

        Node product() {
            Node left = unary();
            while (peek().kind() == Kind.OP && (peek().text().equals("*") || peek().text().equals("/"))) {
                Token op = advance();
                left = new Arithmetic(op.position(), op.text().charAt(0), left, unary());
            }
            return left;
        }

        Node unary() {
            Token t = peek();
            if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+"))) {
                advance();
                enter(t);
                Node operand = unary();
                nesting--;
                return new Negate(t.position(), t.text().equals("-"), operand);
            }
            return primary();
        }

        /** Stops runaway recursion (e.g. 900 nested parentheses) before the tree is built. */
        int nesting;

        void enter(Token t) {
            if (++nesting > maxDepth) {
                throw new ConditionTooDeepException(maxDepth, t.position());
            }
        }

        Node primary() {
            Token t = advance();
            switch (t.kind()) {
                case NUMBER:
                case STRING:
                case TRUE:
                case FALSE:
                    return new Literal(t.position(), t.value());
                case LPAREN: {
                    enter(t);
                    Node inner = or();
                    nesting--;
                    expect(Kind.RPAREN, "')' to close the '(' at position " + t.position());
                    return inner;
                }
                case NAME:
                    if (peek().kind() == Kind.LPAREN) {
                        return call(t);
                    }
                    return reference(t);
                default:
                    throw unexpected(t, EXPECTED_OPERAND);
            }
        }

        void expect(Kind kind, String what) {
            Token t = peek();
            if (t.kind() != kind) {
                throw unexpected(t, what);
            }
            advance();
        }

        Node call(Token name) {
            String fn = name.text().toLowerCase(Locale.ROOT);
            if (!fn.equals("abs") && !fn.equals("min") && !fn.equals("max")) {
                throw new ConditionSyntaxException("stop condition: unknown function '" + name.text()
                        + "' at position " + name.position() + "; expected abs, min or max", name.position());
            }
            Token open = advance();
            enter(open);
            List<Node> args = new ArrayList<>();
            if (peek().kind() == Kind.RPAREN) {
                throw unexpected(peek(), EXPECTED_OPERAND);
            }
            while (true) {
                args.add(or());
                if (peek().kind() == Kind.COMMA) {
                    advance();
                    continue;
                }
                expect(Kind.RPAREN, "',' or ')' to close the '(' at position " + open.position());
                break;
            }
            nesting--;
            if (fn.equals("abs") && args.size() != 1) {
                throw new ConditionSyntaxException("stop condition: abs() at position " + name.position()
                        + " takes exactly one argument, got " + args.size(), name.position());
            }
            return new Call(name.position(), fn, args);
        }

        Node reference(Token t) {
            String text = t.text();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("execution.")) {
                if (lower.equals("execution.duration")) {
                    duration = true;
                    return new Duration(t.position());
                }
                throw new ConditionSyntaxException("stop condition: unknown name '" + text + "' at position "
                        + t.position() + "; the only execution property is execution.duration", t.position());
            }
            if (text.startsWith("metadata.")) {
                String key = text.substring("metadata.".length());
                keys.add(key);
                return new MetadataRef(t.position(), key, text);
            }
            keys.add(text);
            return new MetadataRef(t.position(), text, null);
        }
    }
}
