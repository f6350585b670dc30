// One state's national law, offence by offence: status, provision, maximum penalty, since when, and
// where each fact comes from (statute, secondary source, treaty-obligation inference, nothing found).
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { CountrySelect } from './CountrySelect.tsx';
import { FactBadges } from './FactBadges.tsx';
import { legalApi, OFFENCES, type LawRow } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

export function CountryLaws() {
  const { t, language } = useI18n();
  const { jurisdictions } = useLegal();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  // Kept with the code they belong to, so rows of the previous state never show under a new one.
  const [loaded, setLoaded] = useState<{ code: string; laws: LawRow[] } | undefined>();
  useEffect(() => {
    let active = true;
    if (code) {
      void legalApi
        .laws(code)
        .then((r) => active && setLoaded({ code, laws: r.laws }))
        .catch(() => active && setLoaded({ code, laws: [] }));
    }
    return () => {
      active = false;
    };
  }, [code]);
  const laws = loaded?.code === code ? loaded.laws : undefined;
  const row = (offence: string) => laws?.find((l) => l.offence === offence);

  return (
    <section aria-labelledby="country-title">
      <div className="controls">
        <CountrySelect
          label={t('legal.country.choose')}
          value={code}
          onChange={(c) => void navigate(c ? `/legal/countries/${c}` : '/legal/countries')}
          jurisdictions={jurisdictions}
        />
      </div>
      {!code && <p className="muted">{t('legal.country.pick')}</p>}
      {code && (
        <>
          <h2 id="country-title">{t('legal.country.title', { country: countryName(code, language) })}</h2>
          <p className="muted">{t('legal.basis.inferredHint')}</p>
          {!laws && <p className="muted">{t('common.loading')}</p>}
          {laws && (
            <div className="table-scroll">
              <table className="data-table law-table" data-testid="law-table">
                <thead>
                  <tr>
                    <th scope="col">{t('legal.offence')}</th>
                    <th scope="col">{t('legal.list.status')}</th>
                    <th scope="col">{t('legal.country.citation')}</th>
                    <th scope="col">{t('legal.country.penalty')}</th>
                    <th scope="col">{t('legal.country.since')}</th>
                    <th scope="col">{t('legal.country.origin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {OFFENCES.map((offence) => {
                    const law = row(offence);
                    return (
                      <tr key={offence} data-offence={offence}>
                        <th scope="row">{t(`offence.${offence}`)}</th>
                        <td className={`law-status-${law?.status ?? 'unknown'}`}>
                          {law ? t(`legal.status.${law.status}`) : t('legal.country.noRow')}
                        </td>
                        <td>
                          {law?.citation ?? ''}
                          {law?.reason && <div className="muted fact-note">{law.reason}</div>}
                          {law?.note && <div className="muted fact-note">{law.note}</div>}
                        </td>
                        <td>
                          {law?.maxPenaltyYears !== undefined
                            ? t('legal.country.years', { years: String(law.maxPenaltyYears) })
                            : ''}
                        </td>
                        <td>{law?.since ?? ''}</td>
                        <td>
                          {law && (
                            <FactBadges basis={law.basis} confidence={law.confidence} source={law.source} />
                          )}
                          {law?.checked && (
                            <div className="muted fact-note">
                              {t('legal.country.checked', { date: law.checked })}
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
