// Regexes checked with the engine of the router that runs them: Istio hands them to Envoy, which
// compiles RE2 (no lookaround, no backreferences); ingress-nginx matches canary-by-header-pattern
// with PCRE in Lua (ngx.re.match).
import { RE2JS } from "re2js";

/** Why RE2 refuses `pattern`, or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
    try {
        RE2JS.compile(pattern);
        return undefined;
    } catch (err) {
        const why = "must be an RE2 regular expression (Istio/Envoy)";
        // RE2's own words for these ("invalid named capture", "invalid escape sequence") do not say what is missing.
        if (/\(\?<?[=!]/.test(pattern)) return `${why}: RE2 has no lookahead or lookbehind`;
        if (/(^|[^\\])(\\\\)*\\([1-9]|k<)/.test(pattern)) return `${why}: RE2 has no backreferences`;
        const message = err instanceof Error ? err.message : String(err);
        return `${why}: ${message.replace(/^error parsing regexp: /, "")}`;
    }
}

/**
 * Why PCRE would refuse `pattern`, or undefined when it looks fine. A check, not PCRE itself (no
 * well-kept PCRE for JavaScript exists): PCRE-only syntax (named groups as (?P<n>...), atomic groups,
 * possessive quantifiers, inline flags, comments, \Q...\E, recursion) is rewritten to its nearest
 * JavaScript form and the result compiled by JavaScript's engine; what JavaScript accepts but PCRE
 * refuses (\u escapes, unbounded lookbehind) is refused first.
 */
export function pcreProblem(pattern: string): string | undefined {
    const why = (detail: string) => `must be a PCRE regular expression (ingress-nginx): ${detail}`;
    let js: string;
    try {
        js = pcreToJs(pattern);
    } catch (err) {
        return why(err instanceof Error ? err.message : String(err));
    }
    try {
        new RegExp(js);
        return undefined;
    } catch (err) {
        return why((err instanceof Error ? err.message : String(err)).replace(/^Invalid regular expression: \/.*\/: /s, ""));
    }
}

class PcreSyntax extends Error {}

function pcreToJs(pattern: string): string {
    let out = "";
    let i = 0;
    // Open groups: whether each is a lookbehind (PCRE wants those of bounded length).
    const groups: boolean[] = [];
    const inLookbehind = () => groups.includes(true);
    const quantifierAt = (j: number) => "*+?".includes(pattern[j] ?? "") || (pattern[j] === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(j)));
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "\\") {
            const next = pattern[i + 1];
            if (next === undefined) throw new PcreSyntax("\\ at end of pattern");
            if (next === "Q") {
                const end = pattern.indexOf("\\E", i + 2);
                const literal = pattern.slice(i + 2, end === -1 ? undefined : end);
                out += literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
                i = end === -1 ? pattern.length : end + 2;
                continue;
            }
            if (next === "E") { i += 2; continue; }
            if ("uUlLN".includes(next) && !(next === "N" && pattern[i + 2] !== "{")) throw new PcreSyntax(`PCRE does not support \\${next}`);
            if ("AzZG".includes(next)) { out += next === "A" || next === "G" ? "^" : "$"; i += 2; continue; }
            out += c + next;
            i += 2;
        } else if (c === "[") {
            // A class runs to the first unescaped "]" after its first character (PCRE reads "[]...]" with a literal "]").
            let j = i + 1;
            if (pattern[j] === "^") j++;
            if (pattern[j] === "]") j++;
            while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
            if (j >= pattern.length) throw new PcreSyntax("missing terminating ] for character class");
            out += pattern.slice(i, j + 1).replace(/^\[(\^?)\]/, "[$1\\]");
            i = j + 1;
        } else if (c === "(") {
            const rest = pattern.slice(i);
            let m: RegExpMatchArray | null;
            if ((m = rest.match(/^\(\?#[^)]*\)/))) { i += m[0].length; continue; }
            if ((m = rest.match(/^\(\?P<([A-Za-z_]\w*)>/))) { out += `(?<${m[1]}>`; groups.push(false); i += m[0].length; continue; }
            if ((m = rest.match(/^\(\?P=([A-Za-z_]\w*)\)/))) { out += `\\k<${m[1]}>`; i += m[0].length; continue; }
            if ((m = rest.match(/^\(\?(R|[+-]?\d+|&[A-Za-z_]\w*|P>[A-Za-z_]\w*)\)/))) { out += "(?:)"; i += m[0].length; continue; }
            if ((m = rest.match(/^\(\?[imsxJUn-]*\)/)) && m[0] !== "()") { i += m[0].length; continue; }
            if ((m = rest.match(/^\(\?([imsxJUn-]*:|>|\||\([^)]*\))/))) { out += "(?:"; groups.push(false); i += m[0].length; continue; }
            const lookbehind = /^\(\?<[=!]/.test(rest);
            groups.push(lookbehind);
            out += c;
            i++;
        } else if (c === ")") {
            groups.pop();
            out += c;
            i++;
        } else if (quantifierAt(i)) {
            const q = c === "{" ? pattern.slice(i).match(/^\{\d+(,\d*)?\}/)![0] : c;
            if (inLookbehind() && (q === "*" || q === "+" || /^\{\d+,\}$/.test(q))) {
                throw new PcreSyntax("lookbehind assertion is not fixed length");
            }
            out += q;
            i += q.length;
            if (pattern[i] === "+") i++; // possessive: same syntax check without it
        } else {
            out += c;
            i++;
        }
    }
    return out;
}
