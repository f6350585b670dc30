// The cooperation instruments: scope, status, and each party with its date, confidence and source.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { legalApi, type Instrument } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';
import { PartyReservations } from './PartyReservations.tsx';

export function InstrumentsView() {
  const { t, language } = useI18n();
  const { params } = useLegal();
  const { id } = useParams();
  const [instruments, setInstruments] = useState<Instrument[]>([]);
  useEffect(() => {
    void legalApi.instruments(params.world).then((r) => setInstruments(r.instruments));
  }, [params.world]);
  const status = (i: Instrument) =>
    i.parties.some((p) => p.from)
      ? t('legal.instruments.inForce', {
          date:
            i.inForce ??
            i.parties
              .map((p) => p.from)
              .filter(Boolean)
              .sort()[0] ??
            '',
        })
      : t('legal.instruments.notInForce');
  const current = instruments.find((i) => i.id === id);
  if (id && current) {
    return (
      <section aria-labelledby="inst-title">
        <Link to="/legal/instruments">← {t('legal.instruments.back')}</Link>
        <h2 id="inst-title">{current.name}</h2>
        <p>
          {status(current)} · {t('legal.instruments.parties', { count: current.parties.length })}
          {current.confidence && (
            <span className={`badge confidence-${current.confidence}`}>
              {t(`legal.confidence.${current.confidence as 'high'}`)}
            </span>
          )}
        </p>
        {current.note && <p className="muted">{current.note}</p>}
        {current.caveat && (
          <p className="notice">
            {t('legal.caveat')} {current.caveat}
          </p>
        )}
        <p>{current.measures.map((m) => t(`measure.${m as 'mla'}`)).join(' · ')}</p>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('legal.list.country')}</th>
              <th scope="col">{t('legal.date')}</th>
              <th scope="col">{t('legal.list.status')}</th>
              <th scope="col">{t('legal.source')}</th>
            </tr>
          </thead>
          <tbody>
            {current.parties.map((p) => (
              <tr key={p.jurisdiction}>
                <td>
                  {countryName(p.jurisdiction, language)} <span className="muted">{p.jurisdiction}</span>
                </td>
                <td>
                  {p.from ?? '—'}
                  {p.approximateDate && (
                    <span
                      className="badge confidence-low"
                      title={
                        p.fromBasis
                          ? `${t('legal.instruments.approximate')} ${p.fromBasis}`
                          : t('legal.instruments.approximate')
                      }
                    >
                      ≈
                    </span>
                  )}
                </td>
                <td>
                  {p.confidence && t(`legal.confidence.${p.confidence as 'high'}`)}
                  {p.note && <div className="muted fact-note">{p.note}</div>}
                  <PartyReservations party={p} />
                </td>
                <td>
                  {p.source?.startsWith('http') && (
                    <a href={p.source} target="_blank" rel="noreferrer noopener">
                      {t('legal.source')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  const item = (i: Instrument) => (
    <li key={i.id}>
      <Link to={`/legal/instruments/${i.id}`}>{i.name}</Link>{' '}
      <span className="muted">
        {status(i)} · {t('legal.instruments.parties', { count: i.parties.length })}
      </span>
    </li>
  );
  // Bilateral treaties are many and alike: folded under one line so the multilateral ones stay visible.
  const bilateral = instruments.filter((i) => i.parties.length === 2);
  return (
    <section aria-labelledby="insts-title">
      <h2 id="insts-title">{t('legal.tab.instruments')}</h2>
      <ul className="instrument-list">{instruments.filter((i) => i.parties.length !== 2).map(item)}</ul>
      {bilateral.length > 0 && (
        <details data-testid="bilateral-instruments">
          <summary>{t('legal.instruments.bilateral', { count: bilateral.length })}</summary>
          <ul className="instrument-list">{bilateral.map(item)}</ul>
        </details>
      )}
    </section>
  );
}
