// Changing the password; forced after a one-time password, also reachable from the account page.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

export function ChangePasswordPage({ forced }: { forced: boolean }) {
  const { t } = useI18n();
  const { setMe } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (next !== confirm) {
      setError(
        new ApiError(400, 'MISMATCH', t('password.mismatch'), [
          { path: 'confirm', reason: t('password.mismatch') },
        ]),
      );
      return;
    }
    try {
      const res = await api<{ user: Me }>('POST', '/auth/password', {
        currentPassword: current,
        newPassword: next,
      });
      setError(undefined);
      setSaved(true);
      setMe(res.user);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', t('error.network')));
    }
  };

  return (
    <section className={forced ? 'auth-card' : 'panel'} aria-labelledby="password-title">
      {forced ? (
        <h1 id="password-title">{t('password.title')}</h1>
      ) : (
        <h2 id="password-title">{t('account.changePassword')}</h2>
      )}
      {forced && <p>{t('password.intro')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={error?.fieldError('currentPassword')}
          autoFocus={forced}
        />
        <Field
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          value={next}
          hint={t('password.rules')}
          onChange={(e) => setNext(e.target.value)}
          error={error?.fieldError('newPassword')}
        />
        <Field
          label={t('password.confirm')}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={error?.fieldError('confirm')}
        />
        <FormError message={error && !error.details.length ? error.message : undefined} />
        {saved && (
          <p className="success" role="status">
            {t('password.saved')}
          </p>
        )}
        <button type="submit" className="primary">
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
