// Zeek TSV logs: the #separator / #fields / #types header describes the columns; typed columns (addr)
// must parse or are counted as invalid; strings are classified whole; http.log's host + uri make a URL.
// @see https://docs.zeek.org/en/master/log-formats.html#zeek-tsv-format-logs
import { classifyAddress, classifyValue } from './extract-classify.ts';
import type { LineExtractor, LineSink } from './extract-formats.ts';

type Header = {
  separator: string;
  setSeparator: string;
  empty: string;
  unset: string;
  fields: string[];
  types: string[];
};

/** Zeek writes the separator escaped ("\x09"). */
function unescape(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function readHeader(line: string, h: Header): void {
  if (line.startsWith('#separator ')) {
    h.separator = unescape(line.slice('#separator '.length));
    return;
  }
  const [key = '', ...rest] = line.split(h.separator);
  if (key === '#set_separator') {
    h.setSeparator = rest[0] ?? ',';
  } else if (key === '#empty_field') {
    h.empty = rest[0] ?? '(empty)';
  } else if (key === '#unset_field') {
    h.unset = rest[0] ?? '-';
  } else if (key === '#fields') {
    h.fields = rest;
  } else if (key === '#types') {
    h.types = rest;
  }
}

function extractColumn(value: string, field: string, type: string, h: Header, sink: LineSink): void {
  const values = /^(set|vector)\[/.test(type) ? value.split(h.setSeparator) : [value];
  const element = type.replace(/^(set|vector)\[(.*)\]$/, '$2');
  for (const v of values) {
    if (v === h.unset || v === h.empty || v === '') {
      continue;
    }
    if (element === 'addr') {
      const parsed = classifyAddress(v);
      if (parsed) {
        sink.observable(parsed.kind, parsed.value, field);
      } else {
        sink.invalid(field, v);
      }
    } else if (element === 'string' || element === '') {
      const parsed = classifyValue(v);
      if (parsed) {
        sink.observable(parsed.kind, parsed.value, field);
      }
    }
  }
}

export function createZeekExtractor(): LineExtractor {
  const h: Header = {
    separator: '\t',
    setSeparator: ',',
    empty: '(empty)',
    unset: '-',
    fields: [],
    types: [],
  };
  return {
    format: 'zeek',
    extract(line, sink) {
      if (line.startsWith('#')) {
        readHeader(line, h);
        return 'meta';
      }
      const values = line.split(h.separator);
      if (h.fields.length === 0 || values.length !== h.fields.length) {
        return 'malformed';
      }
      values.forEach((v, i) => extractColumn(v, h.fields[i]!, h.types[i] ?? '', h, sink));
      const host = values[h.fields.indexOf('host')];
      const uri = values[h.fields.indexOf('uri')];
      if (host && uri && host !== h.unset && uri !== h.unset && uri.startsWith('/')) {
        const parsed = classifyValue(`http://${host}${uri}`);
        if (parsed) {
          sink.observable(parsed.kind, parsed.value, 'host+uri');
        }
      }
      return 'data';
    },
  };
}
