import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';

// The layer diagram, enforced: apps -> schema -> feature libraries -> access -> mail -> core. A library imports a
// lower layer, or another feature library, only through its public surface `#rally/<lib>` (its src/index.ts).
const PLATFORM = ['core', 'mail', 'access', 'schema'];
const FEATURES = readdirSync(new URL('./libs/', import.meta.url)).filter((d) => !PLATFORM.includes(d));
const ALLOWED = {
  core: [],
  mail: ['core'],
  access: ['core', 'mail'],
  ...Object.fromEntries(FEATURES.map((f) => [f, ['core', 'mail', 'access', ...FEATURES.filter((g) => g !== f)]])),
  schema: ['core', 'mail', 'access', ...FEATURES],
};
const DIAGRAM = 'apps -> schema -> feature libraries -> access -> mail -> core';

const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**'];
const TESTING_HELPERS = { regex: '^#rally-testing/', message: 'test helpers (#rally-testing/*) are for tests only.' };

const layerPatterns = (lib, allowed) => [
  {
    regex: allowed.length ? `^#rally/(?!(${allowed.join('|')})$)` : '^#rally/',
    message: `${lib} may import only ${allowed.length ? allowed.map((a) => `#rally/${a}`).join(', ') : 'nothing of Rally'} (${DIAGRAM}).`,
  },
  { regex: '(^|/)apps/', message: 'libs must not import apps.' },
  {
    group: ['../../*/src/**', '../../../*/src/**', '../../../../*/src/**'],
    message: 'import another library through its #rally/<lib> entry point.',
  },
];

// One block per library for shipped code (layers + no test helpers) and one for its tests (layers only): ESLint
// replaces, not merges, a rule's options when two blocks match a file.
const layerRules = Object.entries(ALLOWED).flatMap(([lib, allowed]) => [
  {
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [...layerPatterns(lib, allowed), TESTING_HELPERS] }] },
  },
  {
    files: TESTS.map((t) => `libs/${lib}/src/${t}`),
    rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(lib, allowed) }] },
  },
]);

const appsRules = {
  files: ['apps/**/*.ts'],
  ignores: TESTS,
  rules: { 'no-restricted-imports': ['error', { patterns: [TESTING_HELPERS] }] },
};

// The console is a browser app: it may import only its own files and packages (the API's shape reaches it as the
// generated types, never as Rally's libraries), and its React code follows the rules of hooks.
const consoleRules = [
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './apps/console/tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#rally', message: 'the console imports nothing of the server; use the generated API types.' },
            { regex: '(^|/)libs/', message: 'the console imports nothing of the server; use the generated API types.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', 'libs/schema/src/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    // Keeps value imports of classes used as constructor parameter types: Nest's DI reads them from decorator metadata.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      // Node and packages, then Rally's libraries, then this library's own files.
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: '#rally{,-testing}/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'never',
        },
      ],
    },
  },
  appsRules,
  ...layerRules,
  ...consoleRules,
);
