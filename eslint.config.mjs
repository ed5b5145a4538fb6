import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.firedrill/**', 'coverage/**', 'apps/server/public/**', 'charts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', globalThis: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', Headers: 'readonly', Response: 'readonly', Request: 'readonly', AbortSignal: 'readonly', document: 'readonly', window: 'readonly', localStorage: 'readonly', navigator: 'readonly', HTMLElement: 'readonly', location: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Only the config library reads the environment.
    files: ['apps/**/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['libs/config/**', 'libs/testing/**', 'apps/server/src/main.ts', 'apps/cli/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through #config (FiredrillConfig).' }],
    },
  },
  {
    files: ['libs/{scenario,chaos,incident,scoring,debrief,access,calendar}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['typeorm', 'typeorm/*', 'pg'], message: 'Domain libs are pure: persistence implements their ports.' },
            { group: ['@nestjs/*'], message: 'Domain libs do not depend on Nest.' },
            { group: ['@kubernetes/client-node'], message: 'Domain libs reach the cluster only through ClusterPort (libs/kube implements it).' },
          ],
        },
      ],
    },
  },
);
