// Validates input against a zod schema, turning failures into one AppError that lists every problem.
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';

export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[], prefix = ''): ErrorDetail[] {
  return issues.map((issue) => {
    const params = issueParams(issue);
    return {
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
      reason: issue.message,
      code: issue.code,
      ...(params ? { params } : {}),
    };
  });
}

// The numbers and names a translated message needs ("at least {minimum} characters").
function issueParams(issue: z.core.$ZodIssue): Record<string, string | number> | undefined {
  switch (issue.code) {
    case 'too_small':
      return { origin: issue.origin, minimum: Number(issue.minimum) };
    case 'too_big':
      return { origin: issue.origin, maximum: Number(issue.maximum) };
    case 'invalid_format':
      return { format: issue.format };
    case 'invalid_type':
      return { expected: issue.expected };
    case 'invalid_value':
      return { values: issue.values.map(String).join(', ') };
    case 'not_multiple_of':
      return { divisor: Number(issue.divisor) };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
      return undefined;
  }
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
