import { getJestProjectsAsync } from '@nx/jest';

// Every project's tests in one run (the test command uses it to report one total).
export default async () => ({
  projects: await getJestProjectsAsync(),
  // testTimeout is a global option: the projects' own setting does not apply in a multi-project run.
  testTimeout: 60000,
});
