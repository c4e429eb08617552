import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The dialogue core must stay deterministic: time and randomness are injected.
    files: ['src/**/*.ts', 'machines/**/*.ts'],
    // The entry point owns the wall clock and hands it to everything else.
    ignores: ['src/server/main.ts', 'src/server/huikuan-server.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject time; the core is deterministic.' },
        { object: 'Math', property: 'random', message: 'The core is deterministic.' },
      ],
    },
  },
);
