// Sign in: e-mail and password first; when the account has two-factor authentication, a second step
// asks for the 6-digit code (or a recovery code) without retyping the password.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api<{ user: Me }>('POST', '/auth/login', {
        email,
        password,
        ...(step === 'totp' ? { totp } : {}),
      });
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AUTH_MFA_REQUIRED') {
        setStep('totp');
      } else {
        setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', t('error.network')));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LanguageSwitcher />
      </div>
      <main className="auth-card" id="main">
        <div className="brand large">
          <span className="logo" aria-hidden="true">
            ◈
          </span>{' '}
          {t('app.name')}
        </div>
        <p className="tagline">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        <form onSubmit={(e) => void submit(e)} noValidate>
          {step === 'password' ? (
            <>
              <Field
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={error?.fieldError('email')}
                autoFocus
              />
              <Field
                label={t('login.password')}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={error?.fieldError('password')}
              />
            </>
          ) : (
            <Field
              label={t('login.totp')}
              hint={t('login.totpHelp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
              autoFocus
            />
          )}
          <FormError message={error && !error.details.length ? error.message : undefined} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('login.signingIn') : step === 'password' ? t('login.submit') : t('login.verify')}
          </button>
          {step === 'totp' && (
            <button
              type="button"
              className="link"
              onClick={() => {
                setStep('password');
                setTotp('');
                setError(undefined);
              }}
            >
              {t('login.back')}
            </button>
          )}
        </form>
      </main>
    </div>
  );
}
