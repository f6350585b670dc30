// TOTP enrolment: a QR code and the key as text, a first code to confirm, then the recovery codes
// shown once with copy and download. Forced before the frame when the organisation requires MFA.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useDocumentTitle } from '../../components/use-document-title.ts';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { groupSecret, isTotp, normaliseTotp } from './auth-rules.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

type Setup = { secret: string; otpauthUrl: string; qrSvg: string };

/** A page heading when enrolment is the whole page, a sub-heading inside the account page. */
function Heading({ forced, id, children }: { forced: boolean; id: string; children: string }) {
  return forced ? <h1 id={id}>{children}</h1> : <h3 id={id}>{children}</h3>;
}

type Props = { forced: boolean; onDone?: () => void; onCancel?: () => void };

export function MfaEnrolment({ forced, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<Setup | undefined>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | undefined>();
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['code'] as const);
  const { fail } = errors;

  useEffect(() => {
    api<Setup>('POST', '/auth/mfa/setup').then(setSetup).catch(fail);
  }, [fail]);

  const confirm = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (busy || !errors.check({ code: isTotp(code) ? undefined : 'validation.totp' }, form)) {
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enable', {
        code: normaliseTotp(code),
      });
      setCodes(res.recoveryCodes);
      errors.clear();
      if (!forced) {
        // In the account page the status updates at once; when enrolment is forced, refreshing would
        // leave the gate before the user has saved the codes, so it waits for "I have saved them".
        void refresh();
      }
    } catch (err) {
      errors.fail(err, form);
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <section className={forced ? undefined : 'subpanel'} aria-labelledby="recovery-title">
        <Heading forced={forced} id="recovery-title">
          {t('mfa.recoveryTitle')}
        </Heading>
        <RecoveryCodes codes={codes} onDone={() => void refresh().then(() => onDone?.())} />
      </section>
    );
  }

  return (
    <section className={forced ? undefined : 'subpanel'} aria-labelledby="mfa-title">
      <Heading forced={forced} id="mfa-title">
        {t('mfa.title')}
      </Heading>
      {forced && <p className="notice">{t('mfa.required')}</p>}
      <ol className="steps">
        <li>
          <p>{t('mfa.intro')}</p>
          {setup ? (
            <>
              <div
                className="qr"
                role="img"
                aria-label={t('mfa.qrAlt')}
                dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
              />
              <p className="secret-line">
                <span>{t('mfa.secret')}</span>{' '}
                <code className="secret" dir="ltr" data-testid="mfa-secret">
                  {groupSecret(setup.secret)}
                </code>{' '}
                <CopyButton text={setup.secret} label={t('mfa.copyKey')} />
              </p>
              <p className="small">
                <a href={setup.otpauthUrl}>{t('mfa.openApp')}</a>
              </p>
            </>
          ) : (
            !errors.form && (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            )
          )}
        </li>
        <li>
          <form onSubmit={(e) => void confirm(e)} noValidate className="narrow-form">
            <Field
              label={t('mfa.code')}
              hint={t('mfa.codeHelp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              dir="ltr"
              maxLength={9}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errors.fields.code}
            />
            <FormError message={errors.form} />
            <button type="submit" className="primary" disabled={busy || !setup}>
              {t('mfa.confirm')}
            </button>{' '}
            {onCancel && (
              <button type="button" onClick={onCancel}>
                {t('common.cancel')}
              </button>
            )}
          </form>
        </li>
      </ol>
    </section>
  );
}

/** The step before the frame when the organisation requires MFA and the user has none. */
export function ForcedMfaEnrolment() {
  const { t } = useI18n();
  useDocumentTitle(t('mfa.title'));
  return (
    <AuthLayout signOut>
      <MfaEnrolment forced />
    </AuthLayout>
  );
}
