/**
 * Layering (see DESIGN.md): apps -> libs; domain libs are pure.
 * `npm run lint` fails on any violation.
 */
const DOMAIN = '^libs/(scenario|chaos|incident|scoring|debrief|access|calendar)/';

module.exports = {
  forbidden: [
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries never import applications.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-no-typeorm',
      severity: 'error',
      comment: 'Domain libs are pure: persistence implements their ports.',
      from: { path: DOMAIN },
      to: { path: 'node_modules/(typeorm|pg)/' },
    },
    {
      name: 'domain-no-nest',
      severity: 'error',
      comment: 'Domain libs do not depend on Nest (no HTTP exceptions in libs).',
      from: { path: DOMAIN },
      to: { path: 'node_modules/@nestjs/' },
    },
    {
      name: 'domain-no-kubernetes-client',
      severity: 'error',
      comment: 'Domain libs reach the cluster only through a ClusterPort.',
      from: { path: DOMAIN },
      to: { path: 'node_modules/@kubernetes/client-node/' },
    },
    {
      name: 'domain-not-to-infrastructure',
      severity: 'error',
      comment: 'Domain libs do not import persistence or kube; those implement domain ports.',
      from: { path: DOMAIN },
      to: { path: '^libs/(persistence|kube|testing)/' },
    },
    {
      name: 'no-test-helpers-in-production',
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['types', 'module', 'main'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    exclude: { path: '(^dist/|\\.firedrill/)' },
  },
};
