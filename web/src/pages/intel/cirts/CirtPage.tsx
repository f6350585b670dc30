// One team: its constituency (countries, ASNs, IP ranges, domains), contacts, PGP keys, availability
// and, for its editors, how notifications reach it (with the webhook secret to verify signatures).
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIntel } from '../use-intel.ts';
import { useCountryName } from '../use-country-name.ts';
import type { CirtDetail } from '../routing/routing-api.ts';

const list = (items: readonly (string | number)[]) => (items.length > 0 ? items.join(', ') : '—');

export function CirtPage() {
  const { t } = useI18n();
  const name = useCountryName();
  const { id = '' } = useParams();
  const { data, error } = useIntel<{ cirt: CirtDetail }>(`/cirts/${id}`);
  const c = data?.cirt;
  return (
    <div className="routing-page stack">
      <p>
        <Link to="/intel/cirts">{t('cirts.back')}</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {c && (
        <>
          <div className="object-head">
            <h2>{c.officialName}</h2>
            {c.shortName && <span className="muted">{c.shortName}</span>}
            {c.canEdit && (
              <Link className="button" to={`/intel/cirts/${c.id}/edit`}>
                {t('cirts.edit')}
              </Link>
            )}
          </div>
          <section className="panel">
            <h3>{t('cirts.col.constituency')}</h3>
            <dl className="facts" data-testid="constituency">
              <dt>{t('intel.col.country')}</dt>
              <dd>{name(c.country)}</dd>
              <dt>{t('cirts.field.countries')}</dt>
              <dd>{list(c.countries.map(name))}</dd>
              <dt>{t('cirts.field.asns')}</dt>
              <dd className="mono">{list(c.asns.map((a) => `AS${a}`))}</dd>
              <dt>{t('cirts.field.ranges')}</dt>
              <dd className="mono">{list(c.ranges)}</dd>
              <dt>{t('cirts.field.domains')}</dt>
              <dd className="mono">{list(c.domains)}</dd>
              <dt>{t('cirts.field.types')}</dt>
              <dd>{list(c.constituencyTypes)}</dd>
            </dl>
          </section>
          <section className="panel">
            <h3>{t('cirts.contacts')}</h3>
            <dl className="facts">
              <dt>{t('cirts.field.emails')}</dt>
              <dd>
                {list(c.emails.map((e) => e.address + (e.usage.length ? ` (${e.usage.join(', ')})` : '')))}
              </dd>
              <dt>{t('cirts.field.phones')}</dt>
              <dd>
                {list(c.phones.map((p) => p.number + (p.usage.length ? ` (${p.usage.join(', ')})` : '')))}
              </dd>
              <dt>{t('cirts.field.pgp')}</dt>
              <dd className="mono">
                {list(c.pgpKeys.map((k) => k.fingerprint + (k.expires ? ` (${k.expires})` : '')))}
              </dd>
              <dt>{t('cirts.col.available')}</dt>
              <dd>
                {c.available24x7 ? t('cirts.24x7') : t('cirts.notAround')}
                {c.businessHours &&
                  ` · ${c.businessHours}${c.businessHoursTimezone ? ` (${c.businessHoursTimezone})` : ''}`}
              </dd>
            </dl>
          </section>
          <section className="panel">
            <h3>{t('cirts.col.delivery')}</h3>
            <dl className="facts">
              <dt>{t('cirts.email')}</dt>
              <dd>{c.canEdit ? (c.notifyEmail ?? '—') : c.delivery.email ? t('cirts.set') : '—'}</dd>
              <dt>{t('cirts.webhook')}</dt>
              <dd className="mono">
                {c.canEdit ? (c.notifyWebhook ?? '—') : c.delivery.webhook ? t('cirts.set') : '—'}
              </dd>
              <dt>{t('cirts.pgp')}</dt>
              <dd data-testid="pgp-delivery">
                {c.pgpPublicKey
                  ? t('cirts.pgp.encrypted')
                  : c.requireEncryption
                    ? t('cirts.pgp.withheld')
                    : t('cirts.pgp.plain')}
              </dd>
              {c.webhookSecret && (
                <>
                  <dt>{t('cirts.webhookSecret')}</dt>
                  <dd className="mono">{c.webhookSecret}</dd>
                </>
              )}
            </dl>
            {c.pgpPublicKey && (
              <details>
                <summary>{t('cirts.pgp.key')}</summary>
                <pre className="mono">{c.pgpPublicKey}</pre>
              </details>
            )}
            {c.canEdit && <p className="muted">{t('cirts.webhookHelp')}</p>}
          </section>
          <p className="muted">{t('cirts.source', { source: c.source })}</p>
        </>
      )}
    </div>
  );
}
