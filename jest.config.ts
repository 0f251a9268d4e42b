import { getJestProjectsAsync } from '@nx/jest';

// Every project's tests in one run (the test command uses it to report one total).
export default async () => ({
  projects: await getJestProjectsAsync(),
  // testTimeout is a global option: the projects' own setting does not apply in a multi-project run.
  // The same as the preset's: a hook that starts services waits on steps with bounds of their own (a
  // NATS handshake 60 s, a test request 30 s), so when one of them is slow on a loaded machine the
  // test fails with that step's error, not with an anonymous hook timeout that names no step.
  testTimeout: 120000,
});
