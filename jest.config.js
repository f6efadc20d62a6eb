/**
 * Jest runs the TypeScript tests under tests/ against the built packages (provider/dist, sandbox/dist),
 * the same code the Pulumi dynamic-provider host loads. `roots` is explicit: jest hangs crawling a
 * workspace whose node_modules holds symlinks otherwise.
 *
 * Two projects, one per CallFire API version: every suite runs on API 1.1, and the resource lifecycle, fault,
 * bad-input and secrets suites run again on API v2 (their stacks speak the version `tests/support/api-v2.ts` sets).
 * @type {import("jest").Config}
 */
const project = {
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tests/tsconfig.json" }],
  },
};

module.exports = {
  projects: [
    { ...project, displayName: "API 1.1" },
    {
      ...project,
      displayName: "API v2",
      testMatch: ["**/{phone-number,keyword,faults,bad-input,secrets}.test.ts"],
      setupFiles: ["<rootDir>/tests/support/api-v2.ts"],
    },
  ],
  testTimeout: 60000,
  // Two files at a time even on two cores (jest's default would be one): the tests mostly wait on provider
  // hosts, which start once per engine run as in Pulumi, and on the sandbox.
  maxWorkers: 2,
};
