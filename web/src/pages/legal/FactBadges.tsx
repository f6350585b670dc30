// How sure a fact is and where it comes from, shown the same way wherever a fact decides an answer:
// a confidence badge, a basis badge (an inference from a treaty obligation is never shown as a
// statute) and the source link.
import { useI18n } from '../../i18n/i18n.tsx';
import type { LawBasis } from './legal-api.ts';
import './legal-facts.css';

type Props = {
  confidence?: 'high' | 'medium' | 'low' | undefined;
  basis?: LawBasis | undefined;
  source?: string | undefined;
};

export function FactBadges({ confidence, basis, source }: Props) {
  const { t } = useI18n();
  return (
    <>
      {basis && (
        <span
          className={`badge basis-${basis}`}
          data-testid={basis === 'treaty-obligation' ? 'inferred-badge' : undefined}
          title={basis === 'treaty-obligation' ? t('legal.basis.inferredHint') : undefined}
        >
          {t(`legal.basis.${basis}`)}
        </span>
      )}
      {confidence && (
        <span className={`badge confidence-${confidence}`}>{t(`legal.confidence.${confidence}`)}</span>
      )}
      {source?.startsWith('http') && (
        <>
          {' '}
          <a href={source} target="_blank" rel="noreferrer noopener" data-testid="fact-source">
            {t('legal.source')}
          </a>
        </>
      )}
    </>
  );
}
