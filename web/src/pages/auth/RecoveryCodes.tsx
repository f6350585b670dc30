// The recovery codes, shown once right after MFA is turned on: copy, download, then confirm saved.
import { useEffect, useMemo } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const text = codes.join('\n');
  const download = useMemo(
    () => URL.createObjectURL(new Blob([`${t('mfa.fileHeading')}\n\n${text}\n`], { type: 'text/plain' })),
    [text, t],
  );
  useEffect(() => () => URL.revokeObjectURL(download), [download]);
  return (
    <>
      <p>{t('mfa.recoveryIntro')}</p>
      <ol className="recovery-codes" data-testid="recovery-codes" dir="ltr">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <CopyButton text={text} label={t('mfa.copy')} />
        <a className="button" download="accord-recovery-codes.txt" href={download}>
          {t('mfa.download')}
        </a>
        <button type="button" className="primary" onClick={onDone}>
          {t('mfa.done')}
        </button>
      </div>
    </>
  );
}
