// What if some states joined some instruments? Coverage and havens update at once; nothing is saved.
// The greedy recommendations (rule 7) can be tried with one click.
import { useEffect, useState } from 'react';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { Controls, Labelled } from './Controls.tsx';
import { CountrySelect } from './CountrySelect.tsx';
import { legalApi, type Instrument, type WhatIfResult } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

type Accession = { jurisdiction: string; instrument: string };
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function WhatIfView() {
  const { t, language } = useI18n();
  const { params, jurisdictions } = useLegal();
  const [instruments, setInstruments] = useState<Instrument[]>([]);
  const [accessions, setAccessions] = useState<Accession[]>([]);
  const [draft, setDraft] = useState<Accession>({ jurisdiction: '', instrument: '' });
  const [result, setResult] = useState<WhatIfResult | undefined>();
  const [recs, setRecs] = useState<{ instrument: string; jurisdiction: string; gain: number }[]>([]);
  useEffect(() => {
    void legalApi.instruments(params.world).then((r) => setInstruments(r.instruments));
  }, [params.world]);
  useEffect(() => {
    let active = true;
    void legalApi
      .whatIf(params, accessions)
      .then((r) => active && setResult(r))
      .catch(() => active && setResult(undefined));
    return () => {
      active = false;
    };
  }, [params, accessions]);
  useEffect(() => {
    let active = true;
    void legalApi
      .recommend(params, 5)
      .then((r) => active && setRecs(r.recommendations))
      .catch(() => active && setRecs([]));
    return () => {
      active = false;
    };
  }, [params]);
  const add = (a: Accession) =>
    a.jurisdiction &&
    a.instrument &&
    setAccessions((xs) => [
      ...xs.filter((x) => x.jurisdiction !== a.jurisdiction || x.instrument !== a.instrument),
      a,
    ]);
  const nameOf = (id: string) => instruments.find((i) => i.id === id)?.name ?? id;

  return (
    <section aria-labelledby="whatif-title">
      <Controls />
      <h2 id="whatif-title">{t('legal.whatif.title')}</h2>
      <p className="muted">{t('legal.whatif.intro')}</p>
      <div className="controls">
        <CountrySelect
          label={t('legal.list.country')}
          value={draft.jurisdiction}
          onChange={(jurisdiction) => setDraft({ ...draft, jurisdiction })}
          jurisdictions={jurisdictions}
        />
        <Labelled label={t('legal.tab.instruments')}>
          {(id) => (
            <select
              id={id}
              value={draft.instrument}
              onChange={(e) => setDraft({ ...draft, instrument: e.target.value })}
            >
              <option value="">—</option>
              {instruments.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <button type="button" onClick={() => add(draft)}>
          {t('legal.whatif.add')}
        </button>
      </div>
      <ul className="chips">
        {accessions.map((a) => (
          <li key={`${a.jurisdiction}${a.instrument}`}>
            {t('legal.whatif.joins', {
              country: countryName(a.jurisdiction, language),
              instrument: nameOf(a.instrument),
            })}
            <button
              type="button"
              className="link"
              onClick={() => setAccessions((xs) => xs.filter((x) => x !== a))}
            >
              {t('legal.whatif.remove')}
            </button>
          </li>
        ))}
      </ul>
      {result && (
        <div className="whatif-result" data-testid="whatif-result" aria-live="polite">
          <p className="big-number">
            {t('legal.whatif.coverage', {
              before: pct(result.before.coverage),
              after: pct(result.after.coverage),
            })}
          </p>
          <p>
            {t('legal.whatif.havens', {
              before: result.before.havens.length,
              after: result.after.havens.length,
            })}{' '}
            · {t('legal.whatif.changed', { count: result.changedPairs.length })}
          </p>
        </div>
      )}
      <h3>{t('legal.recommend.title')}</h3>
      <p className="muted">{t('legal.recommend.ties')}</p>
      <ol className="recommendations" data-testid="recommendations">
        {recs.map((r) => (
          <li key={`${r.jurisdiction}${r.instrument}`}>
            {t('legal.whatif.joins', {
              country: countryName(r.jurisdiction, language),
              instrument: nameOf(r.instrument),
            })}{' '}
            <strong>{t('legal.recommend.gain', { gain: r.gain })}</strong>{' '}
            <button type="button" onClick={() => add(r)}>
              {t('legal.recommend.try')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
