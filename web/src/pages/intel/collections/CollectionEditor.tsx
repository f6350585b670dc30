// One collection: its TAXII address, and for administrators of the owning organisation the readers,
// writers, default TLP and default audience (saved together; the server audits before and after).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { describeError } from '../../../api/error-text.ts';
import { useSubmit } from '../../../components/use-submit.ts';
import { TLPS, type Tlp } from '../intel-api.ts';
import { getCollection, taxiiUrlOf, updateCollection, type CollectionView } from './collections-api.ts';
import { OrganisationChecklist } from './OrganisationChecklist.tsx';
import { useOrganisations } from './CollectionsPage.tsx';

export function CollectionEditor() {
  const { t, language } = useI18n();
  const { id = '' } = useParams();
  const organisations = useOrganisations();
  const [c, setC] = useState<CollectionView | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  useEffect(() => {
    let active = true;
    getCollection(id).then(
      (v) => active && setC(v),
      (e: unknown) => active && setError(describeError(e, t, language)),
    );
    return () => {
      active = false;
    };
  }, [id, t, language, setError]);

  if (!c) {
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : null;
  }
  const edit = (changes: Partial<CollectionView>) => {
    setSaved(false);
    setC({ ...c, ...changes });
  };
  async function save(current: CollectionView) {
    await run(async () => {
      setC(
        await updateCollection(current.id, {
          readersAllMembers: current.readersAllMembers,
          readerOrganisationIds: current.readerOrganisationIds,
          writerOrganisationIds: current.writerOrganisationIds,
          defaultTlp: current.defaultTlp,
          defaultAudienceOrganisationIds: current.defaultAudienceOrganisationIds,
        }),
      );
      setSaved(true);
    });
  }
  const others = organisations.filter((o) => o.id !== c.ownerOrganisationId);
  const readOnly = !c.canManage;
  return (
    <div className="collections-page stack">
      <p>
        <Link to="/intel/collections">{t('taxii.collections.back')}</Link>
      </p>
      <section className="panel stack">
        <h2>{c.title}</h2>
        {c.description && <p>{c.description}</p>}
        <p>
          {t('taxii.collections.address')} <code className="taxii-url">{taxiiUrlOf(c)}</code>
        </p>
        {readOnly && <p className="muted">{t('taxii.collections.readOnly')}</p>}
        <label className="control">
          <span>{t('taxii.collections.col.defaultTlp')}</span>
          <select
            value={c.defaultTlp}
            disabled={readOnly}
            onChange={(e) => edit({ defaultTlp: e.target.value as Tlp })}
          >
            {TLPS.map((tlp) => (
              <option key={tlp} value={tlp}>
                TLP:{tlp.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">{t('taxii.collections.defaultsHint')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={c.readersAllMembers}
            disabled={readOnly}
            onChange={(e) => edit({ readersAllMembers: e.target.checked })}
          />
          {t('taxii.collections.allMembers')}
        </label>
        <div className="row collection-rights">
          <OrganisationChecklist
            legend={t('taxii.collections.readers')}
            organisations={others}
            selected={c.readerOrganisationIds}
            disabled={readOnly || c.readersAllMembers}
            onChange={(ids) => edit({ readerOrganisationIds: ids })}
          />
          <OrganisationChecklist
            legend={t('taxii.collections.writers')}
            organisations={others}
            selected={c.writerOrganisationIds}
            disabled={readOnly}
            onChange={(ids) => edit({ writerOrganisationIds: ids })}
          />
          <OrganisationChecklist
            legend={t('taxii.collections.audience')}
            organisations={others}
            selected={c.defaultAudienceOrganisationIds}
            disabled={readOnly}
            onChange={(ids) => edit({ defaultAudienceOrganisationIds: ids })}
          />
        </div>
        {!readOnly && (
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void save(c)}>
              {t('taxii.collections.save')}
            </button>
            {saved && (
              <span className="muted" role="status">
                {t('taxii.collections.saved')}
              </span>
            )}
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
    </div>
  );
}
