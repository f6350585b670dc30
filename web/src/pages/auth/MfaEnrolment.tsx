// TOTP enrolment: a QR code and the key as text, a first code to confirm, then the recovery codes
// shown once with copy and download.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { Field, FormError } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session.tsx';

/** A page heading when enrolment is the whole page, a sub-heading inside the account page. */
function Heading({ forced, id, children }: { forced: boolean; id: string; children: string }) {
  return forced ? <h1 id={id}>{children}</h1> : <h3 id={id}>{children}</h3>;
}

type Setup = { secret: string; otpauthUrl: string; qrSvg: string };

export function MfaEnrolPage({ forced, onDone }: { forced: boolean; onDone?: () => void }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<Setup | undefined>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | undefined>();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  useEffect(() => {
    api<Setup>('POST', '/auth/mfa/setup')
      .then(setSetup)
      .catch((err: unknown) => setError(err instanceof ApiError ? err : undefined));
  }, []);

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await api<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enable', { code });
      setCodes(res.recoveryCodes);
      setError(undefined);
      if (!forced) {
        // In the account page the status updates at once; when enrolment is forced, refreshing would
        // leave the gate before the user has saved the codes, so it waits for "I have saved them".
        void refresh();
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', t('error.network')));
    }
  };

  if (codes) {
    const text = codes.join('\n');
    return (
      <section className={forced ? 'auth-card' : 'panel'} aria-labelledby="recovery-title">
        <Heading forced={forced} id="recovery-title">
          {t('mfa.recoveryTitle')}
        </Heading>
        <p>{t('mfa.recoveryIntro')}</p>
        <ol className="recovery-codes" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div className="actions">
          <button
            type="button"
            onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}
          >
            {copied ? t('mfa.copied') : t('mfa.copy')}
          </button>
          <a
            className="button"
            download="accord-recovery-codes.txt"
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          >
            {t('mfa.download')}
          </a>
          <button type="button" className="primary" onClick={() => void refresh().then(() => onDone?.())}>
            {t('mfa.done')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className={forced ? 'auth-card' : 'panel'} aria-labelledby="mfa-title">
      <Heading forced={forced} id="mfa-title">
        {t('mfa.title')}
      </Heading>
      {forced && <p className="notice">{t('mfa.required')}</p>}
      <p>{t('mfa.intro')}</p>
      {setup && (
        <>
          <div
            className="qr"
            role="img"
            aria-label={t('mfa.qrAlt')}
            dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
          />
          <p>
            {t('mfa.secret')}{' '}
            <code className="secret" data-testid="mfa-secret">
              {setup.secret}
            </code>
          </p>
        </>
      )}
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <Field
          label={t('mfa.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error?.fieldError('code')}
        />
        <FormError message={error && !error.details.length ? error.message : undefined} />
        <button type="submit" className="primary">
          {t('mfa.confirm')}
        </button>
      </form>
    </section>
  );
}
