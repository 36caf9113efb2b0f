/** Architecture rules, checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'solver-is-pure',
      comment: 'solver/ is pure computation: it never imports the service (src/).',
      severity: 'error',
      from: { path: '^solver/' },
      to: { path: '^src/' },
    },
    {
      name: 'solver-no-io',
      comment: 'solver/ does no I/O: no filesystem, network, database or process modules.',
      severity: 'error',
      from: { path: '^solver/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|tls|fs/promises)$' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^node_modules|^dist)' },
  },
};
