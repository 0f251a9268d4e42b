import { getJestProjectsAsync } from '@nx/jest';

// Every project's tests in one run (the test command uses it to report one total).
export default async () => ({
  projects: await getJestProjectsAsync(),
});
