// Changing the password: forced after a one-time password (before the frame), and a page of its own
// in the account area.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { PASSWORD_MIN_LENGTH } from './auth-rules.ts';

function PasswordForm({ forced }: { forced: boolean }) {
  const { t } = useI18n();
  const { setMe } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['currentPassword', 'newPassword', 'confirm'] as const);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setSaved(false);
    const ok = errors.check(
      {
        currentPassword: current ? undefined : 'validation.passwordRequired',
        newPassword: next.length < PASSWORD_MIN_LENGTH ? 'password.tooShort' : undefined,
        confirm: next !== confirm ? 'password.mismatch' : undefined,
      },
      form,
    );
    if (!ok || busy) {
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ user: Me }>('POST', '/auth/password', {
        currentPassword: current,
        newPassword: next,
      });
      errors.clear();
      setCurrent('');
      setNext('');
      setConfirm('');
      setSaved(true);
      setMe(res.user);
    } catch (err) {
      errors.fail(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
      <Field
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={errors.fields.currentPassword}
        autoFocus
      />
      <Field
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        value={next}
        hint={t('password.rules', { min: PASSWORD_MIN_LENGTH })}
        onChange={(e) => setNext(e.target.value)}
        error={errors.fields.newPassword}
      />
      <Field
        label={t('password.confirm')}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.fields.confirm}
      />
      <FormError message={errors.form} />
      <div role="status">{saved && <p className="success">{t('password.saved')}</p>}</div>
      <button type="submit" className="primary" disabled={busy}>
        {t('password.submit')}
      </button>
      {!forced && (
        <p>
          <Link to="/account">{t('password.backToAccount')}</Link>
        </p>
      )}
    </form>
  );
}

/** The step before the frame when the account still has its one-time password. */
export function ForcedPasswordChange() {
  const { t } = useI18n();
  useDocumentTitle(t('password.title'));
  return (
    <AuthLayout signOut>
      <h1>{t('password.title')}</h1>
      <p>{t('password.intro')}</p>
      <PasswordForm forced />
    </AuthLayout>
  );
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  return (
    <section className="page" aria-labelledby="password-title">
      <h1 id="password-title" tabIndex={-1}>
        {t('account.changePassword')}
      </h1>
      <div className="panel">
        <PasswordForm forced={false} />
      </div>
    </section>
  );
}
