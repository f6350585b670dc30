// Does state R have a legal basis to ask state Q for this measure, for this offence? With the reasons.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { FormError } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Controls } from './Controls.tsx';
import { CountrySelect } from './CountrySelect.tsx';
import { Explanation } from './Explanation.tsx';
import { legalApi, type BasisAnswer } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

export function PairChecker() {
  const { t } = useI18n();
  const { params, jurisdictions } = useLegal();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [national, setNational] = useState(false);
  const [answer, setAnswer] = useState<BasisAnswer | undefined>();
  const [error, setError] = useState<ApiError | undefined>();

  const check = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setAnswer(await legalApi.basis({ ...params, from, to, suspectNational: national }));
      setError(undefined);
    } catch (err) {
      setAnswer(undefined);
      setError(err instanceof ApiError ? err : undefined);
    }
  };

  return (
    <section aria-labelledby="pair-title">
      <h2 id="pair-title" className="visually-hidden">
        {t('legal.tab.pair')}
      </h2>
      <form onSubmit={(e) => void check(e)} className="pair-form">
        <Controls />
        <div className="controls">
          <CountrySelect
            label={t('legal.from')}
            value={from}
            onChange={setFrom}
            jurisdictions={jurisdictions}
          />
          <CountrySelect label={t('legal.to')} value={to} onChange={setTo} jurisdictions={jurisdictions} />
          <label className="checkbox">
            <input type="checkbox" checked={national} onChange={(e) => setNational(e.target.checked)} />{' '}
            {t('legal.suspectNational')}
          </label>
        </div>
        <button type="submit" className="primary">
          {t('legal.check')}
        </button>
      </form>
      <FormError message={error?.message} />
      {answer && (
        <div className="answer-panel" data-testid="basis-answer" aria-live="polite">
          <p className={`answer ${answer.answer}`}>
            {t(`legal.answer.${answer.answer}`)} <span className="muted">({answer.date})</span>
          </p>
          {answer.bases.length > 0 && <p>{t('legal.bases', { list: answer.bases.join(', ') })}</p>}
          {answer.reasons.length > 0 && <p>{t('legal.reasons', { list: answer.reasons.join(', ') })}</p>}
          {answer.alternative && (
            <p className="notice">{t('legal.alternative.prosecute-in-requested-state')}</p>
          )}
          <Explanation answer={answer} />
        </div>
      )}
    </section>
  );
}
