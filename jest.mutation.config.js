/**
 * Jest for mutation runs (`npm run test:mutation`): only the fast suites that need neither the
 * Pulumi CLI nor long runs, so each mutant is tested in seconds.
 * @type {import('jest').Config}
 */
const [root] = require("./jest.config.js").projects;
module.exports = {
  ...root,
  testTimeout: 120000,
  // provider/ is a root too, so that `--findRelatedTests` (which Stryker uses) sees what each test imports.
  roots: [
    "<rootDir>/provider",
    ...["api", "dynamic", "session", "agent", "environment", "memory-store", "vault"].map((folder) => `<rootDir>/tests/${folder}`),
  ],
};
