// Map keys the plugin's decoding of a Construct request drops. google-protobuf keeps the entries of
// a google.protobuf.Struct in a plain object, where storing the key "__proto__" replaces the
// object's prototype instead: the key never reaches the component, so the parser cannot refuse it
// as it does in a TypeScript program. The raw request still has it; this walks the wire format of
// the request's inputs (Struct, Value and ListValue only) and returns the paths of such keys.
import { formatPath } from "../parse/path";

/** ConstructRequest.inputs (pulumi/proto/pulumi/provider.proto). */
const CONSTRUCT_INPUTS = 10;
/** Keys a plain-object map loses on assignment. */
const DROPPED = "__proto__";
/** Pulumi's wrapper of a secret or an output value: its `value` is the property itself. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";

interface Field {
    field: number;
    wire: number;
    bytes?: Uint8Array;
}

/** The fields of one message; undefined on bytes that are not protobuf (nothing is guessed then). */
function fields(buf: Uint8Array): Field[] | undefined {
    const out: Field[] = [];
    let i = 0;
    const varint = (): number | undefined => {
        let value = 0;
        for (let shift = 0; shift < 64; shift += 7) {
            if (i >= buf.length) return undefined;
            const b = buf[i++];
            value += (b & 0x7f) * 2 ** shift;
            if ((b & 0x80) === 0) return value;
        }
        return undefined;
    };
    while (i < buf.length) {
        const tag = varint();
        if (tag === undefined) return undefined;
        const field = Math.floor(tag / 8);
        const wire = tag % 8;
        if (wire === 0) {
            if (varint() === undefined) return undefined;
            out.push({ field, wire });
        } else if (wire === 1 || wire === 5) {
            i += wire === 1 ? 8 : 4;
            if (i > buf.length) return undefined;
            out.push({ field, wire });
        } else if (wire === 2) {
            const length = varint();
            if (length === undefined || i + length > buf.length) return undefined;
            out.push({ field, wire, bytes: buf.subarray(i, i + length) });
            i += length;
        } else {
            return undefined;
        }
    }
    return out;
}

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString("utf8") : "");
const delimited = (fs: Field[] | undefined, field: number) => (fs ?? []).filter((f) => f.field === field && f.wire === 2).map((f) => f.bytes!);

function inStruct(buf: Uint8Array, path: PropertyKey[], found: string[]): void {
    // Struct: repeated map entry `fields` = 1 {key = 1, value = 2}.
    const entries = delimited(fields(buf), 1).map((entry) => {
        const fs = fields(entry);
        return { key: text(delimited(fs, 1)[0]), value: delimited(fs, 2)[0] };
    });
    const wrapper = entries.some((e) => e.key === SIG_KEY);
    for (const { key, value } of entries) {
        if (key === DROPPED) found.push(formatPath([...path, key]));
        else if (wrapper) {
            if (key === "value" && value) inValue(value, path, found);
        } else if (value) inValue(value, [...path, key], found);
    }
}

function inValue(buf: Uint8Array, path: PropertyKey[], found: string[]): void {
    // Value: struct_value = 5, list_value = 6 (ListValue: repeated Value values = 1).
    const fs = fields(buf);
    for (const struct of delimited(fs, 5)) inStruct(struct, path, found);
    for (const list of delimited(fs, 6)) delimited(fields(list), 1).forEach((item, i) => inValue(item, [...path, i], found));
}

/** Paths (as the parser prints them) of the inputs' keys that decoding a ConstructRequest drops. */
export function droppedKeyPaths(request: Uint8Array): string[] {
    const found: string[] = [];
    // The common case, at the cost of one scan: no such key anywhere in the request.
    if (!Buffer.from(request.buffer, request.byteOffset, request.byteLength).includes(DROPPED)) return found;
    for (const inputs of delimited(fields(request), CONSTRUCT_INPUTS)) inStruct(inputs, [], found);
    return found;
}
