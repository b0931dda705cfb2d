import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// Dependencies point one way: apps -> schema -> feature libs -> core. These rules fail the lint on a wrong-way import.
const boundaries = [
  {
    files: ['libs/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#rally/(?!core$)', message: 'core is infrastructure only: it must not import a feature lib.' },
            { regex: '(^|/)apps/', message: 'libs must not import apps.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/core/**', 'libs/schema/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#rally/schema$', message: 'feature libs sit below schema.' },
            { regex: '(^|/)apps/', message: 'libs must not import apps.' },
            {
              group: ['../../*/src/**', '../../../*/src/**'],
              message: 'import another lib through its #rally/<lib> entry point.',
            },
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
    files: ['**/*.ts'],
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
    },
  },
  ...boundaries,
);
