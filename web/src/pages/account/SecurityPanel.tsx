// Two-factor authentication on or off, and the way to the password change page.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, type Me } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { MfaEnrolment } from '../auth/MfaEnrolment.tsx';

export function SecurityPanel({ me }: { me: Me }) {
  const { t } = useI18n();
  const { setMe } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['password'] as const);

  const disable = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (!errors.check({ password: password ? undefined : 'validation.passwordRequired' }, form)) {
      return;
    }
    try {
      setMe((await api<{ user: Me }>('POST', '/auth/mfa/disable', { password })).user);
      setPassword('');
      errors.clear();
    } catch (err) {
      errors.fail(err, form);
    }
  };

  return (
    <section className="panel" aria-labelledby="security-title">
      <h2 id="security-title">{t('account.security')}</h2>
      <p data-testid="mfa-status" className={me.mfaEnabled ? 'status-on' : 'status-off'}>
        {me.mfaEnabled ? t('mfa.on') : t('mfa.off')}
      </p>
      {!me.mfaEnabled && !enrolling && (
        <button type="button" className="primary" onClick={() => setEnrolling(true)}>
          {t('mfa.enable')}
        </button>
      )}
      {enrolling && (
        <MfaEnrolment
          forced={false}
          onDone={() => setEnrolling(false)}
          onCancel={() => setEnrolling(false)}
        />
      )}
      {me.mfaEnabled && !enrolling && (
        <form className="inline-form" onSubmit={(e) => void disable(e)} noValidate>
          <Field
            label={t('mfa.disablePassword')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields.password}
          />
          <button type="submit" className="danger">
            {t('mfa.disable')}
          </button>
        </form>
      )}
      <FormError message={errors.form} />
      <h3>{t('account.password')}</h3>
      <p>
        <Link to="/account/password">{t('account.changePassword')}</Link>
      </p>
    </section>
  );
}
