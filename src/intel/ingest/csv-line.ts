// Splits one CSV line into cells (RFC 4180 quoting within the line; spaces around a quoted cell
// are dropped, as ThreatFox writes `"a", "b"`). Records never span lines in the feeds Accord reads.

export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && line[i] === ' ' && delimiter !== ' ') {
      i += 1;
    }
    let cell = '';
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          // An unclosed quote takes the rest of the line as written.
          cell += line.slice(i);
          i = n;
          break;
        }
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const next = line.indexOf(delimiter, i);
      i = next < 0 ? n : next;
    } else {
      const next = line.indexOf(delimiter, i);
      cell = line.slice(i, next < 0 ? n : next).trim();
      i = next < 0 ? n : next;
    }
    cells.push(cell);
    if (i >= n) {
      return cells;
    }
    i += delimiter.length;
  }
}
