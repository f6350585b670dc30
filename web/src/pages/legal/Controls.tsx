// The question every legal view answers: offence, measure, date and which data.
import { useId, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { MEASURES, OFFENCES } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

/** A labelled control whose accessible name is the label alone (not the options' text). */
export function Labelled({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

export function Controls({ showMeasure = true }: { showMeasure?: boolean }) {
  const { t } = useI18n();
  const { params, setParams } = useLegal();
  return (
    <div className="controls">
      <Labelled label={t('legal.offence')}>
        {(id) => (
          <select id={id} value={params.offence} onChange={(e) => setParams({ offence: e.target.value })}>
            {OFFENCES.map((o) => (
              <option key={o} value={o}>
                {t(`offence.${o}`)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {showMeasure && (
        <Labelled label={t('legal.measure')}>
          {(id) => (
            <select id={id} value={params.measure} onChange={(e) => setParams({ measure: e.target.value })}>
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`measure.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Labelled>
      )}
      <Labelled label={t('legal.date')}>
        {(id) => (
          <input
            id={id}
            type="date"
            value={params.date}
            onChange={(e) => setParams({ date: e.target.value })}
            title={t('legal.dateHint')}
          />
        )}
      </Labelled>
      <Labelled label={t('legal.world')}>
        {(id) => (
          <select id={id} value={params.world} onChange={(e) => setParams({ world: e.target.value })}>
            <option value="builtin">{t('legal.world.builtin')}</option>
            <option value="five-plus-one">{t('legal.world.example')}</option>
          </select>
        )}
      </Labelled>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={params.includeLowConfidence}
          onChange={(e) => setParams({ includeLowConfidence: e.target.checked })}
        />
        {t('legal.includeLow')}
      </label>
    </div>
  );
}
