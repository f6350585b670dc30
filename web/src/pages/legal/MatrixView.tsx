// Who can ask whom: a heatmap of every ordered pair (rows request, columns are requested), drawn on
// a canvas because the full matrix has 62,000 cells.
import { useEffect, useMemo, useRef, useState } from 'react';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { Controls } from './Controls.tsx';
import { legalApi, type Answer } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';

const COLOURS: Record<Answer, string> = { yes: '#1d7a3c', undetermined: '#e3a21a', no: '#d8dee6' };
type Data = Awaited<ReturnType<typeof legalApi.matrix>>;

export function MatrixView() {
  const { t, language } = useI18n();
  const { params } = useLegal();
  const [data, setData] = useState<Data | undefined>();
  const [onlyParties, setOnlyParties] = useState(true);
  const [hover, setHover] = useState<string>('');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let active = true;
    void legalApi
      .matrix(params)
      .then((r) => active && setData(r))
      .catch(() => active && setData(undefined));
    return () => {
      active = false;
    };
  }, [params]);
  // States with at least one non-"no" answer either way; without the filter all 249 are drawn.
  const codes = useMemo(
    () =>
      data
        ? data.jurisdictions.filter(
            (r) =>
              !onlyParties ||
              data.jurisdictions.some(
                (q) => q !== r && (data.answers[r]?.[q] !== 'no' || data.answers[q]?.[r] !== 'no'),
              ),
          )
        : [],
    [data, onlyParties],
  );
  const cell = codes.length > 150 ? 3 : codes.length > 60 ? 6 : 24;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !data) {
      return;
    }
    ctx.clearRect(0, 0, codes.length * cell, codes.length * cell);
    codes.forEach((r, i) =>
      codes.forEach((q, j) => {
        ctx.fillStyle = r === q ? '#ffffff' : COLOURS[data.answers[r]?.[q] ?? 'no'];
        ctx.fillRect(j * cell, i * cell, cell - (cell > 4 ? 1 : 0), cell - (cell > 4 ? 1 : 0));
      }),
    );
  }, [data, codes, cell]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const r = codes[Math.floor((e.clientY - box.top) / cell)];
    const q = codes[Math.floor((e.clientX - box.left) / cell)];
    if (r && q && data) {
      setHover(`${countryName(r, language)} → ${countryName(q, language)}: ${data.answers[r]?.[q] ?? '—'}`);
    }
  };

  return (
    <section aria-labelledby="matrix-title">
      <Controls />
      <h2 id="matrix-title">{t('legal.matrix.title')}</h2>
      {data && (
        <p data-testid="coverage">
          {t('legal.matrix.coverage', { percent: `${(data.coverage * 100).toFixed(1)} %` })}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={onlyParties} onChange={(e) => setOnlyParties(e.target.checked)} />{' '}
        {t('legal.matrix.onlyParties')}
      </label>
      <p className="muted">{t('legal.matrix.axes')}</p>
      <div className="legend" aria-hidden="true">
        {(['yes', 'undetermined', 'no'] as const).map((a) => (
          <span key={a}>
            <span className="swatch" style={{ background: COLOURS[a] }} /> {t(`legal.answer.${a}`)}
          </span>
        ))}
      </div>
      <p className="hover-line" aria-live="polite">
        {hover}
      </p>
      <div className="table-scroll">
        <canvas
          ref={canvas}
          width={codes.length * cell}
          height={codes.length * cell}
          onMouseMove={onMove}
          data-testid="matrix-canvas"
          role="img"
          aria-label={
            data
              ? t('legal.matrix.coverage', { percent: `${(data.coverage * 100).toFixed(1)} %` })
              : t('common.loading')
          }
        />
      </div>
    </section>
  );
}
