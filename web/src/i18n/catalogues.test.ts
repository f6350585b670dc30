import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import ar from './ar.json' with { type: 'json' };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const catalogues: Record<string, Record<string, string>> = { fr, es, ar };

describe('message catalogues', () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`${name} has exactly the English keys`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    });
    it(`${name} keeps every placeholder and translates every message`, () => {
      for (const [key, english] of Object.entries(en)) {
        expect(placeholders(catalogue[key] ?? ''), `${name}:${key}`).toEqual(placeholders(english));
        expect((catalogue[key] ?? '').trim(), `${name}:${key}`).not.toBe('');
      }
    });
  }
});
