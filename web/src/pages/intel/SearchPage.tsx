// Search the objects the reader may see: filters live in the URL (shareable, back button works), results
// come newest first in keyset pages ("more" appends the next page after the last cursor).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { AnyOfSelect } from './AnyOfSelect.tsx';
import { describeError } from '../../api/error-text.ts';
import { getIntel, TLPS, type ObjectSummary } from './intel-api.ts';
import { useIntel } from './use-intel.ts';
import { TlpBadge } from './TlpBadge.tsx';

type Page = { objects: ObjectSummary[]; next: number | null };
const FILTERS = ['q', 'value', 'type', 'tlp', 'country', 'since', 'until'] as const;
const TYPES = [
  'indicator',
  'malware',
  'threat-actor',
  'campaign',
  'attack-pattern',
  'infrastructure',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'file',
  'sighting',
  'report',
  'relationship',
];

export function SearchPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const first = useIntel<Page>('/objects', filter);
  // Later pages belong to the filter they were loaded for; a new filter starts from its first page.
  const [more, setMore] = useState<{ key: string; rows: ObjectSummary[]; next: number | null }>();
  const [moreError, setMoreError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = params.toString();
  const extra = more?.key === key ? more : undefined;
  const rows = [...(first.data?.objects ?? []), ...(extra?.rows ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);
  const error = first.error ?? moreError;

  async function loadMore(after: number) {
    setBusy(true);
    setMoreError(null);
    try {
      const page = await getIntel<Page>('/objects', { ...filter, after: String(after) });
      setMore({ key, rows: [...(extra?.rows ?? []), ...page.objects], next: page.next });
    } catch (e) {
      setMoreError(describeError(e, t, language));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const nextParams = new URLSearchParams();
    for (const k of FILTERS) {
      const field = data.get(k);
      const v = typeof field === 'string' ? field.trim() : '';
      if (v) {
        nextParams.set(k, k === 'country' ? v.toUpperCase() : v);
      }
    }
    setParams(nextParams);
  }

  return (
    <div className="intel-search">
      <form className="controls" onSubmit={submit} role="search" aria-label={t('intel.search.title')}>
        <label className="control grow">
          <span>{t('intel.search.text')}</span>
          <input name="q" type="search" defaultValue={filter.q} placeholder={t('intel.search.textHint')} />
        </label>
        <label className="control">
          <span>{t('intel.search.value')}</span>
          <input name="value" defaultValue={filter.value} placeholder="198.51.100.7" />
        </label>
        <AnyOfSelect label={t('intel.filter.type')} name="type" value={filter.type} options={TYPES} />
        <AnyOfSelect
          label={t('intel.filter.tlp')}
          name="tlp"
          value={filter.tlp}
          options={TLPS}
          show={(tlp) => tlp.toUpperCase()}
        />
        <label className="control">
          <span>{t('intel.filter.country')}</span>
          <input name="country" defaultValue={filter.country} size={4} maxLength={2} placeholder="FR" />
        </label>
        <label className="control">
          <span>{t('intel.filter.since')}</span>
          <input name="since" type="date" defaultValue={filter.since} />
        </label>
        <label className="control">
          <span>{t('intel.filter.until')}</span>
          <input name="until" type="date" defaultValue={filter.until} />
        </label>
        <button type="submit" className="primary">
          {t('intel.search.submit')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="intel-table" aria-busy={busy || first.loading}>
        <thead>
          <tr>
            <th>{t('intel.col.tlp')}</th>
            <th>{t('intel.col.type')}</th>
            <th>{t('intel.col.name')}</th>
            <th>{t('intel.col.country')}</th>
            <th>{t('intel.col.modified')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id}>
              <td>
                <TlpBadge tlp={o.tlp} />
              </td>
              <td className="mono">{o.type}</td>
              <td>
                <Link to={`/intel/objects/${o.id}`}>{o.name ?? o.id}</Link>
                {o.revoked && <span className="muted small"> · {t('intel.object.revoked')}</span>}
                {o.labels.length > 0 && (
                  <span className="labels">
                    {o.labels.slice(0, 4).map((l) => (
                      <span key={l} className="label-chip">
                        {l}
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td>{o.producerCountry}</td>
              <td className="mono small">{o.modified.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!first.loading && rows.length === 0 && !error && <p className="muted">{t('intel.search.none')}</p>}
      {next !== null && (
        <button type="button" onClick={() => void loadMore(next)} disabled={busy}>
          {t('intel.search.more')}
        </button>
      )}
    </div>
  );
}
