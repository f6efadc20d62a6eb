/**
 * Jest setup of the "API v2" project (see jest.config.js): the stacks of the suites it runs speak CallFire API v2.
 */
process.env.CALLFIRE_TEST_API_VERSION = "v2";
