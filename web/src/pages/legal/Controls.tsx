// The question every legal view answers: offence, measure, date and which data.
import { useI18n } from '../../i18n/i18n.tsx';
import { MEASURES, OFFENCES } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

export function Controls({ showMeasure = true }: { showMeasure?: boolean }) {
  const { t } = useI18n();
  const { params, setParams } = useLegal();
  return (
    <div className="controls">
      <label>{t('legal.offence')}
        <select value={params.offence} onChange={(e) => setParams({ offence: e.target.value })}>
          {OFFENCES.map((o) => <option key={o} value={o}>{t(`offence.${o}`)}</option>)}
        </select>
      </label>
      {showMeasure && (
        <label>{t('legal.measure')}
          <select value={params.measure} onChange={(e) => setParams({ measure: e.target.value })}>
            {MEASURES.map((m) => <option key={m} value={m}>{t(`measure.${m}`)}</option>)}
          </select>
        </label>
      )}
      <label>{t('legal.date')}
        <input type="date" value={params.date} onChange={(e) => setParams({ date: e.target.value })} title={t('legal.dateHint')} />
      </label>
      <label>{t('legal.world')}
        <select value={params.world} onChange={(e) => setParams({ world: e.target.value })}>
          <option value="builtin">{t('legal.world.builtin')}</option>
          <option value="five-plus-one">{t('legal.world.example')}</option>
        </select>
      </label>
    </div>
  );
}
