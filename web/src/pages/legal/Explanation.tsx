// Why the answer is what it is: every instrument, every condition, and the facts with sources.
import { useI18n } from '../../i18n/i18n.tsx';
import type { BasisAnswer, Fact } from './legal-api.ts';
import { FactBadges } from './FactBadges.tsx';

function FactLine({ fact }: { fact: Fact }) {
  return (
    <li className="fact">
      {fact.text} <FactBadges confidence={fact.confidence} basis={fact.basis} source={fact.source} />
      {fact.note && <div className="muted fact-note">{fact.note}</div>}
    </li>
  );
}

export function Explanation({ answer }: { answer: BasisAnswer }) {
  const { t } = useI18n();
  const applying = answer.explanation.filter((e) => e.applies);
  // Instruments neither state is party to (bilateral treaties are many) are counted, not listed.
  const notApplying = answer.explanation.filter((e) => !e.applies);
  const others = notApplying.filter((e) => (e.conditions[0]?.facts.length ?? 0) > 0);
  const unrelated = notApplying.length - others.length;
  return (
    <div className="explanation">
      <h3>{t('legal.applying')}</h3>
      {applying.length === 0 && <p className="muted">{t('legal.none')}</p>}
      {applying.map((e) => (
        <details key={e.instrument} open className={`verdict-${e.verdict}`}>
          <summary>
            <strong>{e.name}</strong> —{' '}
            <span className={`answer-word ${e.verdict}`}>{t(`legal.verdict.${e.verdict as 'yes'}`)}</span>
          </summary>
          <ul>
            {e.conditions.map((c) => (
              <li key={c.condition}>
                <span className={`condition ${c.result}`}>{c.detail}</span>
                {c.facts.length > 0 && (
                  <ul>
                    {c.facts.map((f) => (
                      <FactLine key={`${c.condition}${f.text}`} fact={f} />
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {e.caveat && (
            <p className="notice" data-testid="instrument-caveat">
              {t('legal.caveat')} {e.caveat}
            </p>
          )}
        </details>
      ))}
      <h3>{t('legal.notApplying')}</h3>
      {unrelated > 0 && <p className="muted">{t('legal.unrelatedInstruments', { count: unrelated })}</p>}
      <ul className="not-applying">
        {others.map((e) => (
          <li key={e.instrument}>
            <strong>{e.name}</strong>:{' '}
            {(e.conditions.find((c) => c.result === 'failed') ?? e.conditions[0])?.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
