// Error codes of routing runs, notifications and the CIRT directory (code -> HTTP status).
export const routingErrorCodes = {
  INTEL_ROUTING_NOTHING_TO_ROUTE: 400,
  INTEL_ROUTING_RUN_NOT_FOUND: 404,
  INTEL_ROUTING_SOURCE_NOT_FOUND: 404,
  INTEL_ROUTING_IMPORT_UNFINISHED: 409,
  INTEL_NOTIFICATION_NOT_FOUND: 404,
  INTEL_CIRT_NOT_FOUND: 404,
} as const;
