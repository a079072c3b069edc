// Served by the plugin (YAML, Python, Go programs), the component's arguments arrive in a Construct
// request that @pulumi/pulumi decodes before any of our code runs, and the decoding drops map keys
// a JavaScript object cannot hold (dropped-keys.ts). So that a YAML program's `__proto__` label gets
// the same error as a TypeScript program's, the request's decoder is wrapped once, when the plugin
// runner loads this package (before it starts its gRPC server, which takes the decoder then): it
// notes the dropped keys of each request, and the component's parser takes them as problems.
import { thisProcessErrorReader } from "../parse/error-reader";
import { droppedKeyPaths } from "./dropped-keys";

interface Decoded {
    getType(): string;
    getName(): string;
}

interface MethodDefinition {
    requestDeserialize: (buffer: Buffer) => Decoded;
}

/** Dropped keys of the Construct requests not yet taken, by `<type>::<name>`. */
const pending = new Map<string, string[]>();
const keyOf = (type: string, name: string) => `${type}::${name}`;

/** Wraps `construct`'s request decoder of a ResourceProvider service definition (idempotent). */
export function guardConstruct(service: { construct: MethodDefinition }): void {
    const method = service.construct as MethodDefinition & { guarded?: true };
    if (method.guarded) return;
    const decode = method.requestDeserialize;
    method.requestDeserialize = (buffer: Buffer) => {
        const request = decode(buffer);
        const paths = droppedKeyPaths(buffer);
        if (paths.length) pending.set(keyOf(request.getType(), request.getName()), paths);
        return request;
    };
    method.guarded = true;
}

/** The dropped keys of the Construct request of this component, once. */
export function takeDroppedKeys(type: string, name: string): string[] {
    const key = keyOf(type, name);
    const paths = pending.get(key) ?? [];
    pending.delete(key);
    return paths;
}

/** In the plugin runner only: programs decode nothing, so they keep the SDK untouched. */
export function guardPluginRequests(): void {
    if (thisProcessErrorReader() !== "provider") return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    guardConstruct(require("@pulumi/pulumi/proto/provider_grpc_pb").ResourceProviderService);
}
