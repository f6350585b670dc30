// Objects of the period by offence of the legal taxonomy (how STIX labels and types map to offences:
// src/intel/snapshot-offences.ts), grouped under the four ITU categories.
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import type { Snapshot } from './intel-api.ts';
import { linear } from './chart-scale.ts';

const CATEGORY_ORDER = [
  'confidentiality-integrity',
  'computer-related',
  'content',
  'copyright',
  'other',
  'unclassified',
];

export function OffencePanel({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useI18n();
  const rows = [...snapshot.offences].sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || b.objects - a.objects,
  );
  const x = linear(Math.max(1, ...rows.map((r) => r.objects)), 100);
  return (
    <section className="intel-panel offences" aria-labelledby="offence-title">
      <h2 id="offence-title">{t('intel.snapshot.offences')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('intel.snapshot.noActivity')}</p>
      ) : (
        <table className="intel-table offence-bars" data-testid="offences">
          <tbody>
            {rows.map((r, i) => {
              const header = r.category !== rows[i - 1]?.category;
              return (
                <tr key={r.offence} className={header ? 'first-of-category' : undefined}>
                  <th scope="row" className="small">
                    {header ? t(`intel.category.${r.category}` as MessageKey) : ''}
                  </th>
                  <td>
                    {r.offence === 'unclassified'
                      ? t('intel.offence.unclassified')
                      : t(`offence.${r.offence}` as MessageKey)}
                  </td>
                  <td className="bar-cell">
                    <span className={`bar cat-${r.category}`} style={{ inlineSize: `${x(r.objects)}%` }} />
                  </td>
                  <td className="num">{r.objects.toLocaleString()}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
