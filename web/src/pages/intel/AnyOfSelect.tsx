// A filter drop-down: "Any" first, then the allowed values; used by the search and snapshot filters.
import type { ChangeEventHandler } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

export function AnyOfSelect({
  label,
  name,
  value,
  options,
  show = (option) => option,
  onChange,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: readonly string[];
  show?: (option: string) => string;
  onChange?: ChangeEventHandler<HTMLSelectElement>;
}) {
  const { t } = useI18n();
  return (
    <label className="control">
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ''} onChange={onChange}>
        <option value="">{t('intel.filter.any')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {show(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
