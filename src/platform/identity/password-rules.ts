// The password policy's numbers, with no dependencies, so the web forms check the same limits as the
// server without pulling the hashing code into the browser bundle.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** Fewer distinct characters than this ("aaaaaaaaaaaa") is refused whatever the length. */
export const PASSWORD_MIN_DISTINCT = 5;
