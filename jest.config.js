/** Unit and integration tests (TypeScript, run by ts-jest without type-checking; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true, isolatedModules: true } }],
  },
  testTimeout: 60000,
  // The command's tests run the built command: built once, first.
  globalSetup: '<rootDir>/test/support/build-cli.js',
};
