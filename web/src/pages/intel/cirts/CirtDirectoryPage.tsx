// The CIRT directory: every member may search it (knowing whom to call is the point); platform
// administrators add teams and import a Trusted Introducer-shaped file; a team's own administrators
// edit it. The server checks every write.
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useIntel } from '../use-intel.ts';
import { useCountryName } from '../use-country-name.ts';
import type { CirtView } from '../routing/routing-api.ts';
import { CirtPage } from './CirtPage.tsx';
import { CirtForm } from './CirtForm.tsx';
import { DirectoryImport } from './DirectoryImport.tsx';
import '../routing/routing.css';

export function CirtDirectoryPage() {
  return (
    <Routes>
      <Route index element={<CirtList />} />
      <Route path="new" element={<CirtForm />} />
      <Route path=":id" element={<CirtPage />} />
      <Route path=":id/edit" element={<CirtForm />} />
    </Routes>
  );
}

/** Whether a team matches the search: name, short name, country code or name, ASN, range or domain. */
function matches(c: CirtView, q: string, countryName: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === '') {
    return true;
  }
  return [
    c.officialName,
    c.shortName ?? '',
    c.country,
    countryName,
    ...c.countries,
    ...c.domains,
    ...c.ranges,
    ...c.asns.map((a) => `as${a}`),
  ].some((s) => s.toLowerCase().includes(needle.replace(/^as\s*/, 'as')));
}

function CirtList() {
  const { t } = useI18n();
  const name = useCountryName();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const { data, error, loading, reload } = useIntel<{ cirts: CirtView[] }>('/cirts');
  const rows = (data?.cirts ?? []).filter((c) => matches(c, q, name(c.country)));
  return (
    <div className="routing-page stack">
      <section className="panel">
        <h2>{t('cirts.title')}</h2>
        <p className="muted">{t('cirts.intro')}</p>
        <div className="row">
          <label className="control grow">
            <span>{t('cirts.search')}</span>
            <input
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('cirts.searchHint')}
            />
          </label>
          {me?.isAdmin && (
            <Link className="button" to="/intel/cirts/new">
              {t('cirts.add')}
            </Link>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <table className="intel-table" aria-busy={loading} data-testid="cirt-table">
          <thead>
            <tr>
              <th>{t('cirts.col.team')}</th>
              <th>{t('intel.col.country')}</th>
              <th>{t('cirts.col.constituency')}</th>
              <th>{t('cirts.col.available')}</th>
              <th>{t('cirts.col.delivery')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/intel/cirts/${c.id}`}>{c.officialName}</Link>
                  {c.shortName && <span className="muted"> ({c.shortName})</span>}
                </td>
                <td>{name(c.country)}</td>
                <td>
                  {t('cirts.constituencySummary', {
                    countries: c.countries.length,
                    asns: c.asns.length,
                    ranges: c.ranges.length,
                    domains: c.domains.length,
                  })}
                </td>
                <td>{c.available24x7 ? t('cirts.24x7') : (c.businessHours ?? t('cirts.businessHours'))}</td>
                <td>
                  {[
                    c.delivery.email ? t(c.pgpPublicKey ? 'cirts.emailPgp' : 'cirts.email') : null,
                    c.delivery.webhook ? t('cirts.webhook') : null,
                  ]
                    .filter(Boolean)
                    .join(', ') || t('cirts.inboxOnly')}
                </td>
              </tr>
            ))}
            {!loading && rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('cirts.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {me?.isAdmin && <DirectoryImport onImported={reload} />}
    </div>
  );
}
