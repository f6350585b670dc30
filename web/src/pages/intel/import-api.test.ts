import { describe, expect, it } from 'vitest';
import { CSV_PRESETS as SERVER_PRESETS } from '../../../../src/intel/ingest/csv-mapping.ts';
import { CSV_PRESETS, guessFormat } from './import-api.ts';

describe('import page helpers', () => {
  it('offers exactly the server’s CSV presets', () => {
    expect([...CSV_PRESETS].sort()).toEqual(Object.keys(SERVER_PRESETS).sort());
  });
  it('guesses the format from the file name', () => {
    expect(guessFormat('feodo-ipblocklist.csv')).toBe('csv');
    expect(guessFormat('blocklist.TXT')).toBe('csv');
    expect(guessFormat('misp-event-1234.json')).toBe('misp');
    expect(guessFormat('bundle.json')).toBe('stix');
  });
});
