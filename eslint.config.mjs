// Lint rules, including the layer boundaries of docs/ARCHITECTURE.md:
// renderer → core; electron → service → db → core; service → reports → core; cli → service. core imports nothing else.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A relative import that reaches into another top-level folder (the bare package names are listed apart).
const layer = (name) => `^(\\.\\.?/)+(.*/)?${name}(/.*)?$`;
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'], message: 'Node built-ins are not available here.' };
const boundary = (files, forbidden, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((name) => ({
            regex: layer(name),
            message: `The ${files[0].split('/')[0]} layer must not import from ${name}/ (see docs/ARCHITECTURE.md).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  boundary(['core/**/*.{ts,tsx}'], ['db', 'service', 'electron', 'renderer', 'cli'], [
    nodeBuiltins,
    { group: ['electron', 'better-sqlite3', 'react', 'react-dom'], message: 'core/ holds pure rules: no runtime, UI or database imports.' },
  ]),
  boundary(['renderer/**/*.{ts,tsx}'], ['db', 'service', 'electron', 'cli'], [
    nodeBuiltins,
    { group: ['electron', 'better-sqlite3'], message: 'The renderer talks to the service only through window.workbench.' },
  ]),
  boundary(['reports/**/*.{ts,tsx}'], ['db', 'service', 'electron', 'renderer', 'cli'], [
    nodeBuiltins,
    { group: ['electron', 'better-sqlite3'], message: 'reports/ renders snapshots to HTML: no runtime or database imports.' },
  ]),
  boundary(['db/**/*.ts'], ['service', 'electron', 'renderer', 'cli'], [{ group: ['electron', 'react'], message: 'db/ is plain SQL over better-sqlite3.' }]),
  boundary(['service/**/*.ts'], ['electron', 'renderer', 'cli'], [{ group: ['electron', 'react'], message: 'The service runs without Electron.' }]),
  boundary(['cli/**/*.ts'], ['db', 'electron', 'renderer'], [{ group: ['electron', 'react'], message: 'The CLI runs on Node, without Electron.' }]),
  boundary(['electron/**/*.ts'], ['db', 'renderer', 'cli'], [{ group: ['react', 'react-dom'], message: 'The shell has no UI code of its own.' }]),
  {
    // The sandboxed preload is parsed on every window load: the names and channels only, never the
    // schemas (zod, the rules) or the service; types are erased and so allowed.
    files: ['electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./core/contract(/index)?$', allowTypeImports: true, message: 'The preload takes names and channels from core/contract/operations (the contract itself bundles zod).' },
            { regex: '^\\.\\./(service|db|reports)(/.*)?$', message: 'The preload is a thin bridge: no service code.' },
            { group: ['zod', 'date-fns', '@date-fns/*'], message: 'The preload is a thin bridge: no schemas or date code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
