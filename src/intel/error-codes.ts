// Error codes of the intel capability (code -> HTTP status).
export const intelErrorCodes = {
  INTEL_BUNDLE_INVALID: 400,
  INTEL_PATTERN_INVALID: 400,
  INTEL_OBJECT_NOT_FOUND: 404,
} as const;
