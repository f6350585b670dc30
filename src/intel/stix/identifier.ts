// STIX type names and identifiers (`type--uuid`), and JSON paths for reporting where a problem is.
// @see STIX 2.1 sections 2.9 (identifier) and 3.1 (type)

const TYPE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$/;
// RFC 4122 form as the OASIS identifier schema has it: version 1–5, variant 10xx.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** @see STIX 2.1 section 3.1: a–z, 0–9 and hyphen, 3 to 250 characters. */
export function isStixTypeName(text: string): boolean {
  return text.length >= 3 && text.length <= 250 && TYPE_NAME.test(text);
}

/** The type part of a well-formed identifier, or undefined. */
export function typeOfIdentifier(id: unknown): string | undefined {
  if (typeof id !== 'string') {
    return undefined;
  }
  const at = id.indexOf('--');
  if (at < 0) {
    return undefined;
  }
  const type = id.slice(0, at);
  return isStixTypeName(type) && UUID.test(id.slice(at + 2)) ? type : undefined;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$.a[0].b`, or `$.hashes['SHA-256']` for keys that are not plain names. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}['${key.replace(/['\\]/g, (c) => `\\${c}`)}']`;
}
