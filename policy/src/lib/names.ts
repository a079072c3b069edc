// The pack's name rules are the component's: one module, provider/src/names.ts. It is compiled into
// the pack's own bin/ (policy/tsconfig.json lists it), so the pack loads without the provider's
// build and stays a self-contained folder for `pulumi policy publish`.
export * from "../../../provider/src/names";
