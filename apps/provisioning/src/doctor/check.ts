import type { DoctorCheckView, PlainProblem } from '@archive365/contracts';

export const pass = (name: string, title: string, detail: string): DoctorCheckView => ({
  name,
  title,
  outcome: 'pass',
  detail,
});

export const fail = (
  name: string,
  title: string,
  problem: PlainProblem,
  detail = problem.message,
): DoctorCheckView => ({
  name,
  title,
  outcome: 'fail',
  detail,
  problem,
});

export const warn = (
  name: string,
  title: string,
  problem: PlainProblem,
  detail = problem.message,
): DoctorCheckView => ({
  name,
  title,
  outcome: 'warn',
  detail,
  problem,
});

export const skip = (name: string, title: string, detail: string): DoctorCheckView => ({
  name,
  title,
  outcome: 'skip',
  detail,
});
