// ESLint flat config for the whole monorepo.
// Module boundaries follow docs/architecture.md §2: base <- core <- models <- workflow <- experiment <- programs;
// nothing imports apps.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/demo-output/**', 'runs/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Prettier formats to 140 columns; this keeps comments within the same width (strings, templates, regexes
      // and URLs are left as they are, which is what Prettier does too).
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // No deep imports into another package: only its public entry.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@lola-ts/*/*'], message: "Import only a package's public entry (e.g. @lola-ts/metrics), never a deep path." },
          ],
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'layer:base', onlyDependOnLibsWithTags: ['layer:base'] },
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core', 'layer:base'] },
            { sourceTag: 'layer:model', onlyDependOnLibsWithTags: ['layer:core', 'layer:base'] },
            { sourceTag: 'layer:workflow', onlyDependOnLibsWithTags: ['layer:model', 'layer:core', 'layer:base'] },
            { sourceTag: 'layer:experiment', onlyDependOnLibsWithTags: ['layer:workflow', 'layer:model', 'layer:core', 'layer:base'] },
            {
              sourceTag: 'layer:program',
              onlyDependOnLibsWithTags: ['layer:experiment', 'layer:workflow', 'layer:model', 'layer:core', 'layer:base'],
            },
            {
              sourceTag: 'layer:tooling',
              onlyDependOnLibsWithTags: ['layer:base', 'layer:core', 'layer:model', 'layer:workflow', 'layer:experiment'],
            },
          ],
        },
      ],
    },
  },
];
