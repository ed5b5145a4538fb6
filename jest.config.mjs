// Jest runs in native ESM mode (Nest 12 and several dependencies are ESM-only);
// `npm test` passes --experimental-vm-modules. Sources are transformed by swc,
// which keeps decorator metadata for Nest's dependency injection.
process.env.TZ = 'UTC';
import { existsSync } from 'node:fs';

const clusterSetup = ['mjs', 'ts'].map((ext) => `libs/testing/src/cluster/global-setup.${ext}`).find((f) => existsSync(f));

const libs = ['contracts', 'config', 'access', 'calendar', 'scenario', 'chaos', 'kube', 'incident', 'scoring', 'debrief', 'persistence', 'testing'];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: true }] },
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^#${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: '.',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.firedrill/'],
};

/** @type {import('jest').Config} */
export default {
  globalSetup: '<rootDir>/libs/testing/src/postgres/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/postgres/global-teardown.mjs',
  testTimeout: 120_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.cluster\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
    },
    {
      ...shared,
      displayName: 'cluster',
      testMatch: ['<rootDir>/{apps,libs,e2e}/**/*.cluster.spec.ts'],
      ...(clusterSetup ? { globalSetup: `<rootDir>/${clusterSetup}`, globalTeardown: '<rootDir>/libs/testing/src/cluster/global-teardown.mjs' } : {}),
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
    },
  ],
};
