/**
 * ESLint as Microsoft's Office add-in templates set it up: eslint-plugin-office-addins's `react`
 * config — ESLint's recommended rules, eslint-plugin-react's recommended rules, the add-in rules
 * (load-object-before-read, call-sync-before-read, call-sync-after-load, no-context-sync-in-loop,
 * test-for-null-using-isNullObject, no-empty-load, no-navigational-load, no-office-initialize)
 * and @typescript-eslint/no-unused-vars — with the TypeScript parser given explicitly, as the
 * templates' eslint.config files do. `npm run lint` (part of `npm test`) allows no warning.
 *
 * Departures, each for a stated reason:
 * - The plugin's rules also for .tsx files (its config names .ts and .js only, the React pane is .tsx).
 * - prettier/prettier off: the templates format with Prettier (office-addin-prettier-config);
 *   this code base keeps its own line width, and reformatting every file would break the
 *   three-way merges of the engineers' branches. Formatting is not a correctness rule.
 * - The new JSX transform (react-jsx in tsconfig.json): React need not be in scope.
 * - no-undef off for TypeScript: the compiler already checks every name (typescript-eslint's advice).
 */
const officeAddins = require('eslint-plugin-office-addins');
const react = require('eslint-plugin-react');
const tsParser = require('@typescript-eslint/parser');

const addinBlock = officeAddins.configs.recommended.find((c) => c.plugins && c.plugins['office-addins']);

module.exports = [
  { ignores: ['dist/**', 'out/**', 'lib/**', 'node_modules/**', 'test-artifacts/**'] },
  ...officeAddins.configs.react,
  react.configs.flat['jsx-runtime'],
  {
    files: ['**/*.{ts,tsx}'],
    plugins: addinBlock.plugins,
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...addinBlock.rules,
      'prettier/prettier': 'off',
      'no-undef': 'off',
    },
  },
];
