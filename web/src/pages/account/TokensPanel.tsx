// API tokens: create (the secret is shown once), list with last use, revoke.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

type Token = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function TokensPanel() {
  const { t, language } = useI18n();
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | undefined>();
  const errors = useFormErrors(['name'] as const);
  const load = () => api<{ tokens: Token[] }>('GET', '/tokens').then((r) => setTokens(r.tokens));
  useEffect(() => {
    void load();
  }, []);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (!errors.check({ name: name.trim() ? undefined : 'validation.tokenNameRequired' }, form)) {
      return;
    }
    try {
      const res = await api<{ token: string }>('POST', '/tokens', { name });
      setCreated(res.token);
      setName('');
      errors.clear();
      await load();
    } catch (err) {
      errors.fail(err, form);
    }
  };

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens')}</h2>
      <p className="muted">{t('account.tokensIntro')}</p>
      <form className="inline-form" onSubmit={(e) => void create(e)} noValidate>
        <Field
          label={t('account.tokenName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        <button type="submit">{t('account.createToken')}</button>
      </form>
      <FormError message={errors.form} />
      {created && (
        <div className="notice" role="status">
          <p>{t('account.tokenShown')}</p>
          <code className="secret" dir="ltr" data-testid="new-token">
            {created}
          </code>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="muted">{t('account.noTokens')}</p>
      ) : (
        <ul className="token-list">
          {tokens.map((tok) => (
            <li key={tok.id} className={tok.revokedAt ? 'revoked' : ''}>
              <span className="token-name">{tok.name}</span> <code dir="ltr">acc_{tok.prefix}_…</code>
              <span className="muted">
                {tok.revokedAt
                  ? t('account.revoked')
                  : tok.lastUsedAt
                    ? t('account.lastUsed', { when: when(tok.lastUsedAt) })
                    : t('account.neverUsed')}
              </span>
              {!tok.revokedAt && (
                <button
                  type="button"
                  className="danger"
                  aria-label={t('account.revokeNamed', { name: tok.name })}
                  onClick={() => void api('DELETE', `/tokens/${tok.id}`).then(load).catch(errors.fail)}
                >
                  {t('account.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
