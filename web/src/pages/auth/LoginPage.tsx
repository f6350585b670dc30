// Sign in: e-mail and password first; when the account has two-factor authentication, a second step
// asks for the 6-digit code (or a recovery code) without retyping the password.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Message } from '../../i18n/Message.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { useSession } from '../../session.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { isEmail, isRecoveryCode, isTotp, normaliseRecoveryCode, normaliseTotp } from './auth-rules.ts';

type Step = 'password' | 'totp' | 'recovery';

export function LoginPage() {
  const { t } = useI18n();
  const { refresh, notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['email', 'password', 'totp'] as const);
  const passwordInput = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('login.title'));

  const valid = (form: HTMLFormElement) =>
    step === 'password'
      ? errors.check(
          {
            email: !email.trim()
              ? 'validation.emailRequired'
              : !isEmail(email)
                ? 'validation.email'
                : undefined,
            password: password ? undefined : 'validation.passwordRequired',
          },
          form,
        )
      : errors.check(
          {
            totp:
              step === 'totp'
                ? isTotp(code)
                  ? undefined
                  : 'validation.totp'
                : isRecoveryCode(code)
                  ? undefined
                  : 'validation.recoveryCode',
          },
          form,
        );

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (busy || !valid(form)) {
      return;
    }
    setBusy(true);
    try {
      const totp = step === 'totp' ? normaliseTotp(code) : normaliseRecoveryCode(code);
      await api<{ user: Me }>('POST', '/auth/login', {
        email: email.trim(),
        password,
        ...(step === 'password' ? {} : { totp }),
      });
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'AUTH_MFA_REQUIRED') {
        errors.clear();
        setStep('totp');
      } else {
        if (err instanceof ApiError && err.code === 'AUTH_INVALID_CREDENTIALS') {
          setPassword('');
          passwordInput.current?.focus();
        }
        errors.fail(err, form);
      }
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('password');
    setCode('');
    errors.clear();
  };

  return (
    <AuthLayout>
      <div className="brand large">
        <span className="logo" aria-hidden="true">
          ◈
        </span>{' '}
        {t('app.name')}
      </div>
      <p className="tagline">{t('app.tagline')}</p>
      {step === 'password' && notice && (
        <p className="notice" role="status">
          {t(notice === 'signed-out' ? 'login.signedOut' : 'login.sessionEnded')}
        </p>
      )}
      <h1>{step === 'password' ? t('login.title') : t('mfa.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {step === 'password' ? (
          <>
            <Field
              label={t('login.email')}
              type="email"
              dir="ltr"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={errors.fields.email}
              autoFocus
            />
            <Field
              ref={passwordInput}
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.fields.password}
            />
          </>
        ) : (
          <>
            <p className="muted">
              <Message id="login.mfaFor" values={{ email: <bdi dir="ltr">{email.trim()}</bdi> }} />
            </p>
            <Field
              key={step}
              label={step === 'totp' ? t('login.totp') : t('login.recoveryCode')}
              hint={step === 'totp' ? t('login.totpHelp') : t('login.recoveryHelp')}
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              dir="ltr"
              maxLength={step === 'totp' ? 9 : 20}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errors.fields.totp}
              autoFocus
            />
          </>
        )}
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.signingIn') : step === 'password' ? t('login.submit') : t('login.verify')}
        </button>
        {step !== 'password' && (
          <div className="auth-links">
            <button
              type="button"
              className="link"
              onClick={() => {
                setStep(step === 'totp' ? 'recovery' : 'totp');
                setCode('');
                errors.clear();
              }}
            >
              {step === 'totp' ? t('login.useRecovery') : t('login.useTotp')}
            </button>
            <button type="button" className="link" onClick={restart}>
              {t('login.back')}
            </button>
          </div>
        )}
      </form>
    </AuthLayout>
  );
}
