// TAXII collections, Accord's sharing scopes: who reads, who writes, and the TLP and audience given to
// objects that arrive unmarked. Everyone sees the collections they may use and the address to give a
// TAXII client; administrators of the owning organisation create them and change their rights.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSession } from '../../../session.tsx';
import { api, type Organisation } from '../../../api/client.ts';
import { describeError } from '../../../api/error-text.ts';
import { useIntel } from '../use-intel.ts';
import { TlpBadge } from '../TlpBadge.tsx';
import { TLPS, type Tlp } from '../intel-api.ts';
import { createCollection, taxiiUrlOf, type CollectionSummary } from './collections-api.ts';
import { CollectionEditor } from './CollectionEditor.tsx';
import './collections.css';

export function CollectionsPage() {
  return (
    <Routes>
      <Route index element={<CollectionList />} />
      <Route path=":id" element={<CollectionEditor />} />
    </Routes>
  );
}

export function useOrganisations(): Organisation[] {
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  useEffect(() => {
    let active = true;
    void api<{ organisations: Organisation[] }>('GET', '/organisations').then(
      (r) => active && setOrganisations(r.organisations),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);
  return organisations;
}

function CollectionList() {
  const { t } = useI18n();
  const { me } = useSession();
  const organisations = useOrganisations();
  const { data, error, loading, reload } = useIntel<{ collections: CollectionSummary[] }>('/collections');
  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id.slice(0, 8);
  const adminOf = (me?.memberships ?? []).filter((m) => m.role === 'org-admin').map((m) => m.organisation);
  const owners = me?.isAdmin ? organisations : adminOf;
  return (
    <div className="collections-page stack">
      <section className="panel">
        <h2>{t('taxii.collections.title')}</h2>
        <p className="muted">{t('taxii.collections.intro')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <table className="intel-table" aria-busy={loading} data-testid="collection-table">
          <thead>
            <tr>
              <th>{t('taxii.collections.col.title')}</th>
              <th>{t('taxii.collections.col.owner')}</th>
              <th>{t('taxii.collections.col.defaultTlp')}</th>
              <th>{t('taxii.collections.col.rights')}</th>
              <th>{t('taxii.collections.col.address')}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.collections ?? []).map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/intel/collections/${c.id}`}>{c.title}</Link>
                </td>
                <td>{nameOf(c.ownerOrganisationId)}</td>
                <td>
                  <TlpBadge tlp={c.defaultTlp} />
                </td>
                <td>
                  {[
                    c.canRead ? t('taxii.collections.read') : null,
                    c.canWrite ? t('taxii.collections.write') : null,
                  ]
                    .filter(Boolean)
                    .join(', ') || t('taxii.collections.adminOnly')}
                </td>
                <td>
                  <code className="taxii-url">{taxiiUrlOf(c)}</code>
                </td>
              </tr>
            ))}
            {!loading && (data?.collections ?? []).length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('taxii.collections.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {owners.length > 0 && <NewCollection owners={owners} onCreated={reload} />}
    </div>
  );
}

function NewCollection({ owners, onCreated }: { owners: Organisation[]; onCreated: () => void }) {
  const { t, language } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    setBusy(true);
    setError(null);
    try {
      await createCollection({
        title: field('title').trim(),
        ownerOrganisationId: field('owner'),
        defaultTlp: field('defaultTlp') as Tlp,
        readersAllMembers: data.get('readersAllMembers') === 'on',
      });
      form.reset();
      onCreated();
    } catch (err) {
      setError(describeError(err, t, language));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel">
      <h3>{t('taxii.collections.new')}</h3>
      <form className="row" onSubmit={(e) => void submit(e)} aria-label={t('taxii.collections.new')}>
        <label className="control grow">
          <span>{t('taxii.collections.col.title')}</span>
          <input name="title" required minLength={2} maxLength={200} />
        </label>
        <label className="control">
          <span>{t('taxii.collections.col.owner')}</span>
          <select name="owner">
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>{t('taxii.collections.col.defaultTlp')}</span>
          <select name="defaultTlp" defaultValue="amber">
            {TLPS.map((tlp) => (
              <option key={tlp} value={tlp}>
                TLP:{tlp.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="readersAllMembers" />
          {t('taxii.collections.allMembers')}
        </label>
        <button type="submit" disabled={busy}>
          {t('taxii.collections.create')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
