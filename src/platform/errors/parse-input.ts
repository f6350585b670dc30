// Validates input against a zod schema, turning failures into one AppError that lists every problem.
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';

export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[], prefix = ''): ErrorDetail[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    reason: issue.message,
  }));
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what = 'input'): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = zodIssuesToDetails(result.error.issues);
    throw new AppError(
      'VALIDATION_FAILED',
      `the ${what} is invalid: ${details.map((d) => `${d.path} ${d.reason}`).join('; ')}`,
      details,
    );
  }
  return result.data;
}
