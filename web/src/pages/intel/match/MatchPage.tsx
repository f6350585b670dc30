// Match a pasted or uploaded log (plain lines, CSV, JSON lines, Zeek, Suricata EVE) against the
// indicators the reader may see: hits appear as the server finds them, then the summary with the
// malformed lines by reason; optionally each matched value is recorded as a sighting.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import {
  MATCH_FORMATS,
  streamMatch,
  type MatchFormat,
  type MatchHit,
  type MatchSummary,
} from './match-api.ts';
import { MatchHits } from './MatchHits.tsx';
import './match.css';

/** Hits kept on screen; the summary still counts them all. */
const SHOWN_HITS = 2000;

export function MatchPage() {
  const { t } = useI18n();
  const [hits, setHits] = useState<MatchHit[]>([]);
  const [summary, setSummary] = useState<MatchSummary>();
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const text = field('text');
    const body = file instanceof File && file.size > 0 ? file : new Blob([text]);
    if (body.size === 0) {
      setError(t('intel.match.empty'));
      return;
    }
    setSummary(undefined);
    setHits([]);
    const found: MatchHit[] = [];
    await run(async () => {
      const result = await streamMatch(
        body,
        { format: (field('format') || 'auto') as MatchFormat, record: data.get('record') === 'on' },
        (hit) => {
          if (found.length < SHOWN_HITS) {
            found.push(hit);
            setHits([...found]);
          }
        },
      );
      setSummary(result);
    });
  }

  return (
    <div className="intel-match">
      <h2>{t('intel.match.title')}</h2>
      <p className="muted">{t('intel.match.hint')}</p>
      <form className="match-form" onSubmit={(e) => void submit(e)}>
        <label className="control grow">
          <span>{t('intel.match.paste')}</span>
          <textarea name="text" rows={8} className="mono" placeholder="203.0.113.66 c2.evil.example …" />
        </label>
        <div className="controls">
          <label className="control">
            <span>{t('intel.match.file')}</span>
            <input name="file" type="file" />
          </label>
          <label className="control">
            <span>{t('intel.match.format')}</span>
            <select name="format" defaultValue="auto">
              {MATCH_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f === 'auto' ? t('intel.match.formatAuto') : f}
                </option>
              ))}
            </select>
          </label>
          <label className="control checkbox">
            <input name="record" type="checkbox" /> <span>{t('intel.match.record')}</span>
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('intel.match.running') : t('intel.match.submit')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <p className="match-summary" role="status">
          {t('intel.match.summary', {
            lines: summary.lines,
            observables: summary.observables,
            hits: summary.hits,
            values: summary.matchedValues,
          })}{' '}
          {t('intel.match.malformed', {
            unreadable: summary.malformed.unreadable,
            overlong: summary.malformed.overlong,
            invalid: summary.malformed.invalidValues,
          })}
          {summary.sightingsRecorded > 0 && ` ${t('intel.match.recorded', { n: summary.sightingsRecorded })}`}
        </p>
      )}
      {summary && summary.hits === 0 && <p className="muted">{t('intel.match.none')}</p>}
      {hits.length > 0 && <MatchHits hits={hits} />}
    </div>
  );
}
