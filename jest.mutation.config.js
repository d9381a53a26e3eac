/**
 * Jest for mutation runs (`npm run test:mutation`): only the fast suites that need neither the
 * Pulumi CLI nor long runs, so each mutant is tested in seconds.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require("./jest.config.js"),
  roots: ["<rootDir>/tests/api", "<rootDir>/tests/session", "<rootDir>/tests/dynamic"],
};
