// What a party's reservations and declarations change, each with its confidence and the page it was
// read on: shown beside the party because the rules use them (dual criminality, partial offences).
import { useI18n } from '../../i18n/i18n.tsx';
import type { Party } from './legal-api.ts';

function SourceLink({ href }: { href: string | undefined }) {
  const { t } = useI18n();
  return href?.startsWith('http') ? (
    <>
      {' '}
      <a href={href} target="_blank" rel="noreferrer noopener">
        {t('legal.source')}
      </a>
    </>
  ) : null;
}

export function PartyReservations({ party }: { party: Party }) {
  const { t } = useI18n();
  const reservations = party.reservations ?? [];
  const narrowing = party.offenceReservations ?? [];
  if (reservations.length === 0 && narrowing.length === 0 && !party.contactPoint) {
    return null;
  }
  return (
    <ul className="party-reservations" data-testid={`reservations-${party.jurisdiction}`}>
      {reservations.map((r) => (
        <li key={`m-${r.measure}`}>
          {t('legal.instruments.reservationMeasure', { measure: t(`measure.${r.measure as 'mla'}`) })}
          {r.confidence && (
            <span className={`badge confidence-${r.confidence}`}>
              {t(`legal.confidence.${r.confidence as 'high'}`)}
            </span>
          )}
          <SourceLink href={r.source} />
        </li>
      ))}
      {narrowing.map((r) => (
        <li key={`o-${r.article}-${r.offence}`}>
          {t('legal.instruments.reservationOffence', {
            article: r.article,
            offence: t(`offence.${r.offence as 'csam'}`),
          })}
          {r.confidence && (
            <span className={`badge confidence-${r.confidence}`}>
              {t(`legal.confidence.${r.confidence as 'high'}`)}
            </span>
          )}
          <SourceLink href={r.source} />
        </li>
      ))}
      {party.contactPoint && (
        <li>
          {t('legal.instruments.contactPoint')}
          <SourceLink href={party.contactPointSource ?? party.source} />
        </li>
      )}
    </ul>
  );
}
