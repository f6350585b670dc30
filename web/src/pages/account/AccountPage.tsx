// Account and security: memberships, two-factor authentication, password, API tokens.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { ChangePasswordPage } from '../auth/ChangePasswordPage.tsx';
import { MfaEnrolPage } from '../auth/MfaEnrolment.tsx';
import { TokensPanel } from './TokensPanel.tsx';

export function AccountPage() {
  const { t, language } = useI18n();
  const { me, setMe } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  if (!me) {
    return null;
  }
  const disable = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setMe((await api<{ user: Me }>('POST', '/auth/mfa/disable', { password })).user);
      setPassword('');
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err : undefined);
    }
  };
  return (
    <div className="account">
      <h1>{t('account.title')}</h1>
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <p>
          <strong>{me.displayName}</strong> · {me.email}
        </p>
        <ul>
          {me.memberships.map((m) => (
            <li key={m.organisation.id}>
              {t('account.memberOf', {
                organisation: m.organisation.name,
                country: countryName(m.organisation.country, language),
                role: t(`role.${m.role}`),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="security-title">
        <h2 id="security-title">{t('account.security')}</h2>
        <p data-testid="mfa-status">{me.mfaEnabled ? t('mfa.on') : t('mfa.off')}</p>
        {!me.mfaEnabled && !enrolling && (
          <button type="button" className="primary" onClick={() => setEnrolling(true)}>
            {t('mfa.enable')}
          </button>
        )}
        {enrolling && <MfaEnrolPage forced={false} onDone={() => setEnrolling(false)} />}
        {me.mfaEnabled && !enrolling && (
          <form className="inline-form" onSubmit={(e) => void disable(e)} noValidate>
            <Field
              label={t('mfa.disablePassword')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={error?.fieldError('password')}
            />
            <button type="submit" className="danger">
              {t('mfa.disable')}
            </button>
          </form>
        )}
        <FormError message={error && !error.details.length ? error.message : undefined} />
      </section>
      <ChangePasswordPage forced={false} />
      <TokensPanel />
    </div>
  );
}
