// STIX timestamps: RFC 3339 in UTC with a 'Z', real calendar dates, and exact comparison at any
// precision (Date would round to milliseconds; STIX allows finer fractions).
// @see STIX 2.1 section 3.2 (timestamp)

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/** The number in text[at, at + width) if all are ASCII digits, else -1. */
function digits(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      return -1;
    }
    value = value * 10 + d;
  }
  return value;
}

// Character positions of the fixed part YYYY-MM-DDTHH:MM:SS (this runs for every timestamp of every
// imported object, so it reads character codes rather than matching a regular expression).
const SEPARATORS: [number, string][] = [
  [4, '-'],
  [7, '-'],
  [10, 'T'],
  [13, ':'],
  [16, ':'],
];

/** Whether text is an RFC 3339 UTC timestamp of a real date (second 60 allowed for leap seconds). */
export function isStixTimestamp(text: string): boolean {
  const n = text.length;
  if (n < 20 || text[n - 1] !== 'Z' || !SEPARATORS.every(([at, c]) => text[at] === c)) {
    return false;
  }
  if (n > 20 && (text[19] !== '.' || n === 21 || digits(text, 20, n - 21) < 0)) {
    return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  return (
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 60
  );
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * A valid STIX timestamp (isStixTimestamp) as PostgreSQL stores it: whole seconds since the Unix
 * epoch (second 60 rolls over to the next minute, as PostgreSQL does) and microseconds, a finer
 * fraction rounded as PostgreSQL's parser rounds it (strtod of the fraction, times 10^6, rint: half
 * to even).
 */
export function timestampParts(text: string): { seconds: number; micros: number } {
  // An object's created, modified and valid_from are often one timestamp, and a file's objects share few.
  if (text === lastText) {
    return lastParts;
  }
  lastParts = computeParts(text);
  lastText = text;
  return lastParts;
}

let lastText = '';
let lastParts = { seconds: 0, micros: 0 };

function computeParts(text: string): { seconds: number; micros: number } {
  const days = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  const seconds = days * 86_400 + digits(text, 11, 2) * 3600 + digits(text, 14, 2) * 60 + digits(text, 17, 2);
  if (text.length <= 21) {
    return { seconds, micros: 0 };
  }
  const scaled = Number(`0${text.slice(19, -1)}`) * 1e6;
  let micros = Math.round(scaled);
  if (micros - scaled === 0.5 && micros % 2 !== 0) {
    micros -= 1;
  }
  // A fraction of .9999995 or more rounds up to the next second.
  return micros === 1e6 ? { seconds: seconds + 1, micros: 0 } : { seconds, micros };
}

/** Microseconds since the Unix epoch (exact until about 2255; comparisons only). */
export function timestampMicros(text: string): number {
  const { seconds, micros } = timestampParts(text);
  return seconds * 1e6 + micros;
}

/** Whether the timestamp has at least millisecond precision, as created and modified require. */
export function hasMillisecondPrecision(text: string): boolean {
  return /\.[0-9]{3,}Z$/.test(text);
}

/** The same instant with trailing fractional zeros removed ('…:17.120Z' → '…:17.12Z', '.000Z' → 'Z'). */
export function canonicalTimestamp(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) {
    return text;
  }
  const fraction = text.slice(dot + 1, -1).replace(/0+$/, '');
  return fraction === '' ? `${text.slice(0, dot)}Z` : `${text.slice(0, dot)}.${fraction}Z`;
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two valid STIX timestamps exactly: negative, zero or positive. */
export function compareTimestamps(a: string, b: string): number {
  // Fixed-width date and time first, then the fractions padded to one width.
  const base = order(a.slice(0, 19), b.slice(0, 19));
  if (base !== 0) {
    return base;
  }
  const fx = a.slice(20, -1);
  const fy = b.slice(20, -1);
  const width = Math.max(fx.length, fy.length);
  return order(fx.padEnd(width, '0'), fy.padEnd(width, '0'));
}
