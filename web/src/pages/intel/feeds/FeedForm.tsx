// Adding a feed: where to pull from, how to authenticate (the secret is sent once and stored
// encrypted), how often, and what TLP and local collection the pulled objects get.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import { useIntel } from '../use-intel.ts';
import { TLPS, type Tlp } from '../intel-api.ts';
import { useOrganisations } from '../collections/CollectionsPage.tsx';
import type { CollectionSummary } from '../collections/collections-api.ts';
import { addFeed, type FeedAuth } from './feeds-api.ts';

type AuthKind = FeedAuth['kind'];

export function FeedForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const organisations = useOrganisations();
  const { data } = useIntel<{ collections: CollectionSummary[] }>('/collections');
  const [authKind, setAuthKind] = useState<AuthKind>('token');
  const { busy, error, fieldErrors, run } = useSubmit();
  // An internal address refused by the outbound guard, or a malformed URL: said at the field.
  const urlError = fieldErrors.url;
  const owners = me?.isAdmin
    ? organisations
    : (me?.memberships ?? []).filter((m) => m.role === 'org-admin').map((m) => m.organisation);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const raw = (name: string) => {
      const v = d.get(name);
      return typeof v === 'string' ? v : '';
    };
    const text = (name: string) => raw(name).trim();
    const auth: FeedAuth =
      authKind === 'token'
        ? { kind: 'token', token: text('token') }
        : authKind === 'basic'
          ? { kind: 'basic', username: text('username'), password: raw('password') }
          : { kind: 'none' };
    await run(async () => {
      await addFeed({
        name: text('name'),
        organisationId: text('organisationId'),
        url: text('url'),
        remoteCollectionId: text('remoteCollectionId'),
        auth,
        intervalMinutes: Number(text('intervalMinutes')),
        ...(text('tlp') ? { tlp: text('tlp') as Tlp } : {}),
        ...(text('targetCollectionId') ? { targetCollectionId: text('targetCollectionId') } : {}),
      });
      form.reset();
      onAdded();
    });
  }

  return (
    <section className="panel">
      <h3>{t('taxii.feeds.add')}</h3>
      <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('taxii.feeds.add')}>
        <div className="row">
          <label className="control grow">
            <span>{t('taxii.feeds.col.name')}</span>
            <input name="name" required minLength={2} maxLength={120} />
          </label>
          <label className="control">
            <span>{t('taxii.feeds.organisation')}</span>
            <select name="organisationId">
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <label className="control grow">
            <span>{t('taxii.feeds.url')}</span>
            <input
              name="url"
              type="url"
              required
              placeholder="https://taxii.example.org/taxii2/"
              aria-invalid={urlError ? true : undefined}
            />
            {urlError && (
              <span className="field-error" data-testid="feed-url-error">
                {urlError}
              </span>
            )}
          </label>
          <label className="control grow">
            <span>{t('taxii.feeds.remoteCollection')}</span>
            <input name="remoteCollectionId" required maxLength={200} />
          </label>
        </div>
        <div className="row">
          <label className="control">
            <span>{t('taxii.feeds.auth')}</span>
            <select value={authKind} onChange={(e) => setAuthKind(e.target.value as AuthKind)}>
              <option value="token">{t('taxii.feeds.auth.token')}</option>
              <option value="basic">{t('taxii.feeds.auth.basic')}</option>
              <option value="none">{t('taxii.feeds.auth.none')}</option>
            </select>
          </label>
          {authKind === 'token' && (
            <label className="control grow">
              <span>{t('taxii.feeds.auth.token')}</span>
              <input name="token" type="password" autoComplete="off" required />
            </label>
          )}
          {authKind === 'basic' && (
            <>
              <label className="control grow">
                <span>{t('taxii.feeds.username')}</span>
                <input name="username" autoComplete="off" required />
              </label>
              <label className="control grow">
                <span>{t('taxii.feeds.password')}</span>
                <input name="password" type="password" autoComplete="new-password" required />
              </label>
            </>
          )}
        </div>
        <p className="muted">{t('taxii.feeds.secretHint')}</p>
        <div className="row">
          <label className="control">
            <span>{t('taxii.feeds.interval')}</span>
            <input name="intervalMinutes" type="number" min={1} max={10080} defaultValue={60} required />
          </label>
          <label className="control">
            <span>{t('taxii.feeds.tlp')}</span>
            <select name="tlp" defaultValue="">
              <option value="">{t('taxii.feeds.tlpDefault')}</option>
              {TLPS.map((tlp) => (
                <option key={tlp} value={tlp}>
                  TLP:{tlp.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label className="control grow">
            <span>{t('taxii.feeds.into')}</span>
            <select name="targetCollectionId" defaultValue="">
              <option value="">{t('taxii.feeds.intoNone')}</option>
              {(data?.collections ?? [])
                .filter((c) => c.canWrite)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {t('taxii.feeds.addButton')}
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
