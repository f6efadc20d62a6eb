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
  // Three files at a time even on two cores (jest's default would be one): the tests mostly wait on provider
  // hosts, which start once per engine run as in Pulumi, and on the sandbox. Measured on 2 cores: 280 s with
  // three, 331 s with two.
  maxWorkers: 3,
  // A worker whose heap passed this after a test file is replaced by a fresh one. Suites that capture programs
  // inside \`jest.isolateModules\` load @pulumi/pulumi (and the TypeScript compiler its closure serialization uses)
  // once per capture, so a worker grew to 1-4 GB resident; tearing down such a process took longer than jest's
  // 500 ms exit grace, and jest reported "A worker process has failed to exit gracefully" although no handle leaked.
  workerIdleMemoryLimit: "400MB",
};
