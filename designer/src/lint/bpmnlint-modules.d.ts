// bpmnlint ships CommonJS without typings for its entry point and rules; this is the slice the designer uses.
declare module 'bpmnlint/rules/*.js' {
  const factory: (config?: unknown) => { check: unknown };
  export default factory;
}
declare module 'bpmnlint/lib/traverse.js' {
  const traverse: (element: unknown, options: { enter?: (node: never) => boolean | void; leave?: (node: never) => void }) => void;
  export default traverse;
}
