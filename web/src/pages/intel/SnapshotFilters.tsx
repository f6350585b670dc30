// The snapshot's filters, kept in the URL so a view can be shared and survives a reload: period,
// TLP, object type, value kind, reporting country and the minimum number of countries.
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { AnyOfSelect } from './AnyOfSelect.tsx';
import { TLPS } from './intel-api.ts';

export const SNAPSHOT_FILTERS = ['days', 'ending', 'tlp', 'type', 'kind', 'country', 'minCountries'] as const;
export type SnapshotFilterValues = Partial<Record<(typeof SNAPSHOT_FILTERS)[number], string>>;

const PERIODS = ['7', '30', '90', '365'];
const TYPES = [
  'indicator',
  'malware',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'file',
  'infrastructure',
];
// The value kinds of the store (src/intel/matcher/entry.ts INDICATOR_KINDS).
const KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256'];

export function SnapshotFilters({
  values,
  onChange,
}: {
  values: SnapshotFilterValues;
  onChange: (next: SnapshotFilterValues) => void;
}) {
  const { t } = useI18n();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next: SnapshotFilterValues = {};
    for (const k of SNAPSHOT_FILTERS) {
      const field = data.get(k);
      const v = typeof field === 'string' ? field.trim() : '';
      if (v) {
        next[k] = k === 'country' ? v.toUpperCase() : v;
      }
    }
    onChange(next);
  }
  // Changing a select applies at once; the country field applies on Enter or with the button.
  const apply = (e: { currentTarget: HTMLElement }) => e.currentTarget.closest('form')?.requestSubmit();
  return (
    <form className="controls snapshot-filters" onSubmit={submit} aria-label={t('intel.snapshot.filters')}>
      <label className="control">
        <span>{t('intel.filter.period')}</span>
        <select name="days" defaultValue={values.days ?? '30'} onChange={apply}>
          {PERIODS.map((d) => (
            <option key={d} value={d}>
              {t('intel.filter.days', { days: d })}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t('intel.filter.ending')}</span>
        <input name="ending" type="date" defaultValue={values.ending} onChange={apply} />
      </label>
      <AnyOfSelect
        label={t('intel.filter.tlp')}
        name="tlp"
        value={values.tlp}
        options={TLPS}
        show={(tlp) => tlp.toUpperCase()}
        onChange={apply}
      />
      <AnyOfSelect
        label={t('intel.filter.type')}
        name="type"
        value={values.type}
        options={TYPES}
        onChange={apply}
      />
      <AnyOfSelect
        label={t('intel.filter.kind')}
        name="kind"
        value={values.kind}
        options={KINDS}
        onChange={apply}
      />
      <label className="control">
        <span>{t('intel.filter.country')}</span>
        <input name="country" defaultValue={values.country} size={4} maxLength={2} placeholder="FR" />
      </label>
      <label className="control">
        <span>{t('intel.filter.minCountries')}</span>
        <select name="minCountries" defaultValue={values.minCountries ?? '2'} onChange={apply}>
          {['1', '2', '3', '5'].map((n) => (
            <option key={n} value={n}>
              ≥ {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('intel.filter.apply')}</button>
    </form>
  );
}
