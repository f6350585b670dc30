// A list of organisations to tick (readers, writers, audience): the names people know, ids underneath.
import type { Organisation } from '../../../api/client.ts';

export function OrganisationChecklist({
  legend,
  organisations,
  selected,
  onChange,
  disabled = false,
}: {
  legend: string;
  organisations: Organisation[];
  selected: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...new Set([...selected, id])] : selected.filter((s) => s !== id));
  return (
    <fieldset className="org-checklist" disabled={disabled}>
      <legend>{legend}</legend>
      {organisations.map((o) => (
        <label key={o.id} className="check">
          <input
            type="checkbox"
            checked={selected.includes(o.id)}
            onChange={(e) => toggle(o.id, e.target.checked)}
          />
          {o.name} ({o.country})
        </label>
      ))}
    </fieldset>
  );
}
