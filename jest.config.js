/** Jest runs TypeScript through swc (type checking is `npm run typecheck`, tsc 7). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testTimeout: 60000,
};
