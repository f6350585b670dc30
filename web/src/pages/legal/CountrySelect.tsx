// A state picker: names in the current language, sorted for that language.
import { useId } from 'react';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import type { Jurisdiction } from './legal-api.ts';

export function CountrySelect({
  label,
  value,
  onChange,
  jurisdictions,
}: {
  label: string;
  value: string;
  onChange: (code: string) => void;
  jurisdictions: Jurisdiction[];
}) {
  const { language } = useI18n();
  const id = useId();
  const named = jurisdictions
    .map((j) => ({
      code: j.code,
      name:
        /^[A-Z]{2}$/.test(j.code) && countryName(j.code, language) !== j.code
          ? countryName(j.code, language)
          : j.name,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {named.map((j) => (
          <option key={j.code} value={j.code}>
            {j.name} ({j.code})
          </option>
        ))}
      </select>
    </div>
  );
}
