// One STIX object as the reader may see it: a readable view (fields per type), the raw JSON, its
// relationships, sightings of its values, and correlations with other countries' objects.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ObjectView } from './intel-api.ts';
import { useIntel } from './use-intel.ts';
import { TlpBadge } from './TlpBadge.tsx';
import { ObjectFields } from './ObjectFields.tsx';
import { ObjectLinks } from './ObjectLinks.tsx';

export function ObjectPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data: view, error, loading } = useIntel<ObjectView>(`/objects/${encodeURIComponent(id)}`);
  const [raw, setRaw] = useState(false);

  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!view || (loading && view.summary.id !== id)) {
    return <p role="status">{t('common.loading')}</p>;
  }
  const s = view.summary;
  return (
    <article className="intel-object" aria-labelledby="object-title">
      <p className="small">
        <Link to="/intel/search">← {t('intel.tab.search')}</Link>
      </p>
      <header className="object-head">
        <TlpBadge tlp={s.tlp} />
        <span className="mono muted">{s.type}</span>
        <h2 id="object-title">{s.name ?? s.id}</h2>
        {s.revoked && <span className="pill danger">{t('intel.object.revoked')}</span>}
      </header>
      <p className="muted small">
        {t('intel.object.producer', { org: s.producerName, country: s.producerCountry })} ·{' '}
        <span className="mono">{s.id}</span>
      </p>
      <div className="segmented" role="group" aria-label={t('intel.object.view')}>
        <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
          {t('intel.object.readable')}
        </button>
        <button type="button" aria-pressed={raw} onClick={() => setRaw(true)}>
          {t('intel.object.raw')}
        </button>
      </div>
      {raw ? (
        <pre className="raw-json" data-testid="raw-json">
          {JSON.stringify(view.object, null, 2)}
        </pre>
      ) : (
        <ObjectFields object={view.object} />
      )}
      <ObjectLinks view={view} />
    </article>
  );
}
