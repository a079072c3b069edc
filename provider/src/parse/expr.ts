// A syntax check for Argo's successCondition and failureCondition, which the controller evaluates
// with expr-lang (github.com/expr-lang/expr). No JavaScript port of expr-lang exists, so this is a
// small tokenizer and recursive-descent parser of its grammar: literals, names, operators,
// member access, indexing and slices, calls, arrays, maps, closures ({# > 0}), the conditional
// (a ? b : c, if a { b } else { c }) and let. It checks the syntax only: unknown names, types and
// argument counts are for the controller to judge when the metric runs.

type TokenKind = "number" | "string" | "name" | "op" | "eof";
interface Token { kind: TokenKind; text: string; at: number }

class ExprSyntax extends Error {}

const WORD_OPERATORS = new Set(["and", "or", "not", "in", "matches", "contains", "startsWith", "endsWith", "let", "if", "else"]);
const SYMBOLS = ["...", "**", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "..", "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", ",", ".", "(", ")", "[", "]", "{", "}", "|", ";", "=", "#"];

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) { i++; continue; }
        if (text.startsWith("//", i)) { const end = text.indexOf("\n", i); i = end === -1 ? text.length : end; continue; }
        if (text.startsWith("/*", i)) {
            const end = text.indexOf("*/", i + 2);
            if (end === -1) throw new ExprSyntax(`unclosed comment at ${i + 1}`);
            i = end + 2;
            continue;
        }
        const previous = tokens[tokens.length - 1];
        if (/\d/.test(c) || (c === "." && /\d/.test(text[i + 1] ?? "") && !(previous && isOperand(previous)))) {
            // "1..3" is a range: a number's fraction needs a digit after the ".".
            const number = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?)/.exec(text.slice(i))!;
            tokens.push({ kind: "number", text: number[0], at: i });
            i += number[0].length;
            if (/[A-Za-z_$]/.test(text[i] ?? "")) throw new ExprSyntax(`bad number at ${i + 1}`);
            continue;
        }
        if (c === '"' || c === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== c) {
                if (text[j] === "\n") throw new ExprSyntax(`unterminated string at ${i + 1}`);
                j += text[j] === "\\" ? 2 : 1;
            }
            if (j >= text.length) throw new ExprSyntax(`unterminated string at ${i + 1}`);
            tokens.push({ kind: "string", text: text.slice(i, j + 1), at: i });
            i = j + 1;
            continue;
        }
        if (c === "`") {
            const end = text.indexOf("`", i + 1);
            if (end === -1) throw new ExprSyntax(`unterminated raw string at ${i + 1}`);
            tokens.push({ kind: "string", text: text.slice(i, end + 1), at: i });
            i = end + 1;
            continue;
        }
        const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i));
        if (name) {
            tokens.push({ kind: "name", text: name[0], at: i });
            i += name[0].length;
            continue;
        }
        const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
        if (!symbol) throw new ExprSyntax(`unexpected character ${JSON.stringify(c)} at ${i + 1}`);
        tokens.push({ kind: "op", text: symbol, at: i });
        i += symbol.length;
    }
    tokens.push({ kind: "eof", text: "", at: text.length });
    return tokens;
}

function isOperand(t: Token): boolean {
    return t.kind === "name" || t.kind === "number" || t.kind === "string" || (t.kind === "op" && [")", "]", "}"].includes(t.text));
}

// Binary operators by precedence, lowest first (expr-lang's table).
const BINARY: Record<string, number> = {
    "??": 1, "|": 1, or: 2, "||": 2, and: 3, "&&": 3,
    "==": 4, "!=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4, in: 4, matches: 4, contains: 4, startsWith: 4, endsWith: 4,
    "..": 5, "+": 6, "-": 6, "*": 7, "/": 7, "%": 7, "**": 9, "^": 9,
};
const RIGHT_ASSOCIATIVE = new Set(["**", "^"]);

class Parser {
    private i = 0;
    constructor(private readonly tokens: Token[]) {}

    parse(): void {
        this.program();
        if (this.peek().kind !== "eof") this.fail(`unexpected ${this.describe(this.peek())}`);
    }

    private peek(offset = 0): Token { return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]; }
    private next(): Token { return this.tokens[this.i++]; }
    private is(text: string): boolean { const t = this.peek(); return (t.kind === "op" || t.kind === "name") && t.text === text; }
    private accept(text: string): boolean { if (this.is(text)) { this.i++; return true; } return false; }
    private expect(text: string): void { if (!this.accept(text)) this.fail(`expected "${text}" but found ${this.describe(this.peek())}`); }
    private describe(t: Token): string { return t.kind === "eof" ? "the end" : `"${t.text}" at ${t.at + 1}`; }
    private fail(message: string): never { throw new ExprSyntax(message); }

    /** `let x = a; ...` bindings, then one expression. */
    private program(): void {
        while (this.accept("let")) {
            const name = this.next();
            if (name.kind !== "name" || WORD_OPERATORS.has(name.text)) this.fail(`expected a variable name after "let" but found ${this.describe(name)}`);
            this.expect("=");
            this.expression();
            this.expect(";");
        }
        this.expression();
    }

    private expression(): void {
        this.binary(0);
        if (this.accept("?")) {
            this.expression();
            this.expect(":");
            this.expression();
        }
    }

    /** Operands joined by binary operators binding tighter than `min`. */
    private binary(min: number): void {
        this.unary();
        for (;;) {
            const t = this.peek();
            if (t.kind !== "op" && t.kind !== "name") return;
            let op = t.text;
            let width = 1;
            if (op === "not" && ["in", "matches", "contains", "startsWith", "endsWith"].includes(this.peek(1).text)) {
                op = this.peek(1).text;
                width = 2;
            }
            const precedence = BINARY[op];
            if (precedence === undefined || precedence <= min) return;
            this.i += width;
            if (op === "|") this.pipeTarget();
            else this.binary(RIGHT_ASSOCIATIVE.has(op) ? precedence - 1 : precedence);
        }
    }

    /** `x | f(...)`: the right of a pipe is a call. */
    private pipeTarget(): void {
        const name = this.next();
        if (name.kind !== "name") this.fail(`expected a function after "|" but found ${this.describe(name)}`);
        if (this.is("(")) this.call();
        this.postfix();
    }

    private unary(): void {
        if (this.accept("not") || this.accept("!") || this.accept("-") || this.accept("+")) {
            this.binary(8);
            return;
        }
        this.primary();
        this.postfix();
    }

    private primary(): void {
        const t = this.next();
        switch (t.kind) {
            case "number":
                if (/_$|__|_\.|\._/.test(t.text)) this.fail(`bad number ${this.describe(t)}`);
                return;
            case "string":
                return;
            case "name":
                if (t.text === "if") return this.ifElse();
                if (WORD_OPERATORS.has(t.text)) this.fail(`unexpected ${this.describe(t)}`);
                if (this.is("(")) this.call();
                return;
            case "op":
                if (t.text === "(") { this.expression(); this.expect(")"); return; }
                if (t.text === "[") { this.list("]"); return; }
                if (t.text === "{") { this.braces(); return; }
                if (t.text === "#") {
                    // "#" (the current element) or "#acc", "#index".
                    if (this.peek().kind === "name" && this.peek().at === t.at + 1) this.i++;
                    return;
                }
                if (t.text === ".") {
                    // ".name" inside a closure: a member of the current element.
                    const name = this.next();
                    if (name.kind !== "name") this.fail(`expected a name after "." but found ${this.describe(name)}`);
                    return;
                }
                return this.fail(`unexpected ${this.describe(t)}`);
            default:
                return this.fail("unexpected end of expression");
        }
    }

    private ifElse(): void {
        this.expression();
        this.expect("{");
        this.expression();
        this.expect("}");
        this.expect("else");
        if (this.accept("if")) return this.ifElse();
        this.expect("{");
        this.expression();
        this.expect("}");
    }

    private call(): void {
        this.expect("(");
        this.list(")");
    }

    /** Comma-separated expressions up to `close`, a trailing comma allowed. */
    private list(close: string): void {
        while (!this.accept(close)) {
            this.expression();
            if (!this.accept(",")) { this.expect(close); return; }
        }
    }

    /** `{}` or `{key: value, ...}` (a map), otherwise `{ expression }` (a closure). */
    private braces(): void {
        if (this.accept("}")) return;
        const first = this.peek();
        const second = this.peek(1);
        const mapKey = (first.kind === "name" || first.kind === "string" || first.kind === "number") && second.kind === "op" && second.text === ":";
        if (!mapKey && !(first.kind === "op" && first.text === "(")) {
            this.program();
            this.expect("}");
            return;
        }
        if (!mapKey) {
            // "(expr): value" is a computed key; "(expr) ..." is a closure body.
            const start = this.i;
            this.next();
            this.expression();
            this.expect(")");
            if (!this.is(":")) {
                this.i = start;
                this.program();
                this.expect("}");
                return;
            }
            this.i = start;
        }
        while (!this.accept("}")) {
            const key = this.next();
            if (key.kind === "op" && key.text === "(") { this.expression(); this.expect(")"); }
            else if (key.kind !== "name" && key.kind !== "string" && key.kind !== "number") this.fail(`expected a map key but found ${this.describe(key)}`);
            this.expect(":");
            this.expression();
            if (!this.accept(",")) { this.expect("}"); return; }
        }
    }

    private postfix(): void {
        for (;;) {
            if (this.accept(".") || this.accept("?.")) {
                if (this.accept("[")) { this.index(); continue; }
                const name = this.next();
                if (name.kind !== "name") this.fail(`expected a property name but found ${this.describe(name)}`);
                if (this.is("(")) this.call();
            } else if (this.accept("[")) {
                this.index();
            } else {
                return;
            }
        }
    }

    /** After "[": `[i]`, or a slice `[a:b]`, `[:b]`, `[a:]`, `[:]`. */
    private index(): void {
        if (this.accept(":")) {
            if (!this.accept("]")) { this.expression(); this.expect("]"); }
            return;
        }
        this.expression();
        if (this.accept(":")) {
            if (!this.accept("]")) { this.expression(); this.expect("]"); }
            return;
        }
        this.expect("]");
    }
}

/** Why expr-lang would refuse `condition` as syntax, or undefined when it parses. */
export function exprProblem(condition: string): string | undefined {
    if (condition.trim() === "") return "must be an expression (expr-lang), got an empty one";
    try {
        new Parser(tokenize(condition)).parse();
        return undefined;
    } catch (err) {
        if (err instanceof ExprSyntax) return `must be an expression Argo can evaluate (expr-lang syntax): ${err.message}`;
        throw err;
    }
}
