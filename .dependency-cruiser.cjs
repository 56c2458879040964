// The dependency rules between rooms (../shared/ARCHITECTURE.md), checked by `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-self-contained',
      comment: 'engine/ runs BPMN behind its port; it knows nothing of the server, forms or the web app.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(server|forms|designer|processes|test|bench)/' },
    },
    {
      name: 'forms-is-self-contained',
      comment: 'forms/ holds form registry logic, validation and JSONata mappings; it does not reach into the server or engine.',
      severity: 'error',
      from: { path: '^forms/' },
      to: { path: '^(server|engine|designer|test|bench)/' },
    },
    {
      name: 'server-uses-public-indexes',
      comment: 'server/ reaches engine/ and forms/ only through their public index.ts (or the engine port).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(engine|forms)/', pathNot: '^(engine|forms)/index\\.ts$|^engine/port\\.ts$' },
    },
    {
      name: 'server-not-into-tests-or-designer',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(test|bench|designer)/' },
    },
    {
      name: 'designer-over-http-only',
      comment: 'The web app talks to the server over HTTP; it may import shared types only (type-only imports are not followed).',
      severity: 'error',
      from: { path: '^designer/' },
      to: { path: '^(engine|forms|server)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'processes-is-data',
      severity: 'error',
      from: { path: '^processes/' },
      to: { path: '.*' , pathNot: '^processes/'},
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
