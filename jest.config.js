/**
 * Jest runs TypeScript through swc (type checking is `npm run typecheck`, tsc 7). `.mjs` is
 * transformed too, so tests share the build scripts' helpers (build/loadCode.mjs).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['@swc/jest'] },
  testTimeout: 60000,
};
