// Validates rendered custom resources against the real CRDs' openAPIV3Schema (Argo Rollouts, Istio
// and Gateway API, copied into .local/crds by scripts/crds.sh), the way the API server would on create.
//
// A structural schema is almost JSON Schema. Differences handled here:
// - x-kubernetes-int-or-string: an integer or a string;
// - x-kubernetes-preserve-unknown-fields: anything goes below that node;
// - unknown fields: the API server silently prunes them; here they are errors, because a pruned
//   field is configuration that silently did not happen;
// - nullable: null is allowed;
// - formats int32/int64/double/float: numeric ranges;
// - x-kubernetes-validations (CEL): the rules these CRDs use on create are evaluated; transition
//   rules (oldSelf) only apply to updates and are skipped; any other rule is reported as unchecked.
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const CRD_DIR = path.join(ROOT, ".local", "crds");
type Schema = Record<string, unknown>;

interface CelRule {
    rule: string;
    message?: string;
}

/** CEL rules met that this helper cannot evaluate (so a test can insist there are none). */
export const uncheckedCelRules = new Set<string>();

let crdsChecked = false;

/** Copies the CRDs when .local/crds is missing or older than the pins (scripts/crds.sh does nothing when they match). */
export function ensureCrds(): void {
    if (crdsChecked) return;
    execFileSync("bash", [path.join(ROOT, "scripts", "crds.sh")], { stdio: "inherit" });
    crdsChecked = true;
}

const crdFiles = (dir: string) => fs.readdirSync(path.join(CRD_DIR, dir)).sort().map((f) => path.join(CRD_DIR, dir, f));

function loadCrds(): Schema[] {
    ensureCrds();
    const files = [...crdFiles("argo-rollouts"), ...crdFiles("istio"), ...crdFiles("gateway-api")];
    return files.flatMap((f) => yaml.loadAll(fs.readFileSync(f, "utf8")) as Schema[]).filter((d) => d && d.kind === "CustomResourceDefinition");
}

const goDuration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const unitSeconds: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
function durationSeconds(text: string): number | undefined {
    if (!goDuration.test(text)) return undefined;
    return [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)].reduce((sum, [, n, u]) => sum + Number(n) * unitSeconds[u], 0);
}

/** The CEL rules these CRDs apply on create, evaluated for `self`. */
const CEL: Record<string, (self: unknown) => boolean> = {
    "duration(self) >= duration('1ms')": (self) => typeof self === "string" && (durationSeconds(self) ?? -1) >= 0.001,
    '!self.contains("*")': (self) => typeof self === "string" && !self.includes("*"),
    'self.all(key, !key.contains("*"))': (self) => Object.keys(self as object).every((k) => !k.includes("*")),
    "self.all(key, key.size() != 0)": (self) => Object.keys(self as object).every((k) => k.length !== 0),
};

/** Turns a structural schema node into JSON Schema for ajv. */
export function toJsonSchema(node: Schema): Schema {
    if (node["x-kubernetes-preserve-unknown-fields"] === true && !node.properties) {
        return node.type ? { type: node.type } : {};
    }
    if (node["x-kubernetes-int-or-string"] === true) {
        return { anyOf: [{ type: "integer" }, { type: "string" }] };
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(node)) {
        if (key === "description" || key.startsWith("x-kubernetes-")) continue;
        if (key === "properties") {
            out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toJsonSchema(v)]));
        } else if (key === "items" || key === "additionalProperties" || key === "not") {
            out[key] = typeof value === "object" ? toJsonSchema(value as Schema) : value;
        } else if (key === "anyOf" || key === "oneOf" || key === "allOf") {
            out[key] = (value as Schema[]).map(toJsonSchema);
        } else if (key === "nullable") {
            continue;
        } else {
            out[key] = value;
        }
    }
    if (node.properties && node.additionalProperties === undefined) {
        out.additionalProperties = node["x-kubernetes-preserve-unknown-fields"] === true;
    }
    if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
    const rules = node["x-kubernetes-validations"] as CelRule[] | undefined;
    if (rules?.length) out.celRules = rules;
    return out;
}

/** Every object has apiVersion, kind and metadata, whether or not its CRD's schema lists them (Istio's do not). */
function withObjectRoot(schema: Schema): Schema {
    const properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...(schema.properties as Schema) };
    return { ...schema, properties };
}

function newAjv(): Ajv {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const intRange = (bits: number) => (n: number) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1);
    ajv.addFormat("int32", { type: "number", validate: intRange(32) });
    ajv.addFormat("int64", { type: "number", validate: intRange(64) });
    ajv.addFormat("double", { type: "number", validate: () => true });
    ajv.addFormat("float", { type: "number", validate: () => true });
    ajv.addFormat("byte", { type: "string", validate: (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) });
    ajv.addFormat("date-time", { type: "string", validate: (s: string) => !Number.isNaN(Date.parse(s)) });
    ajv.addKeyword({
        keyword: "celRules",
        errors: true,
        validate: function cel(this: unknown, rules: CelRule[], data: unknown): boolean {
            const failed: ErrorObject[] = [];
            for (const r of rules) {
                if (r.rule.includes("oldSelf")) continue;
                const check = CEL[r.rule];
                if (!check) {
                    uncheckedCelRules.add(r.rule);
                    continue;
                }
                if (!check(data)) {
                    failed.push({ keyword: "celRules", instancePath: "", schemaPath: "", params: { rule: r.rule }, message: r.message ?? `fails ${r.rule}` });
                }
            }
            (cel as unknown as { errors: ErrorObject[] }).errors = failed;
            return failed.length === 0;
        },
    });
    return ajv;
}

export class CrdValidator {
    /** Schemas by apiVersion/kind; each compiled on first use (compiling all of Istio's takes seconds). */
    private readonly schemas = new Map<string, Schema>();
    private readonly validators = new Map<string, ValidateFunction>();
    private readonly ajv = newAjv();

    constructor() {
        for (const crd of loadCrds()) {
            const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
            for (const version of spec.versions) {
                this.schemas.set(`${spec.group}/${version.name}/${spec.names.kind}`, version.schema.openAPIV3Schema);
            }
        }
    }

    /** Whether a CRD defines this apiVersion and kind. */
    knows(apiVersion: string, kind: string): boolean {
        return this.schemas.has(`${apiVersion}/${kind}`);
    }

    private validator(key: string): ValidateFunction | undefined {
        let validate = this.validators.get(key);
        const schema = this.schemas.get(key);
        if (!validate && schema) {
            validate = this.ajv.compile(withObjectRoot(toJsonSchema(schema)));
            this.validators.set(key, validate);
        }
        return validate;
    }

    /** Problems with `object` ("" when it is valid), one line each. */
    problems(object: { apiVersion: string; kind: string }): string {
        const validate = this.validator(`${object.apiVersion}/${object.kind}`);
        if (!validate) return `no CRD defines ${object.apiVersion} ${object.kind}`;
        if (validate(object)) return "";
        return (validate.errors ?? [])
            .map((e) => `${e.instancePath || "/"} ${e.message}${e.keyword === "additionalProperties" ? ` (${JSON.stringify(e.params)})` : ""}`)
            .join("\n");
    }
}
