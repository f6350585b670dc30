// Who can ask whom: a heatmap of every ordered pair (rows request, columns are requested), drawn on
// a canvas because the full matrix has 62,000 cells. Clicking a cell explains that pair, with the
// facts (source, confidence, inferred or statute) that decide it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { Controls } from './Controls.tsx';
import { legalApi, type Answer, type BasisAnswer } from './legal-api.ts';
import { Explanation } from './Explanation.tsx';
import { useLegal } from './LegalContext.tsx';

const COLOURS: Record<Answer, string> = { yes: '#1d7a3c', undetermined: '#e3a21a', no: '#d8dee6' };
type Data = Awaited<ReturnType<typeof legalApi.matrix>>;

export function MatrixView() {
  const { t, language } = useI18n();
  const { params } = useLegal();
  const [data, setData] = useState<Data | undefined>();
  const [onlyParties, setOnlyParties] = useState(true);
  const [hover, setHover] = useState<string>('');
  const [cellDetail, setCellDetail] = useState<{ from: string; to: string; answer?: BasisAnswer }>();
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

  const pairAt = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return {
      r: codes[Math.floor((e.clientY - box.top) / cell)],
      q: codes[Math.floor((e.clientX - box.left) / cell)],
    };
  };
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { r, q } = pairAt(e);
    if (r && q && data) {
      setHover(`${countryName(r, language)} → ${countryName(q, language)}: ${data.answers[r]?.[q] ?? '—'}`);
    }
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { r, q } = pairAt(e);
    if (!r || !q || r === q) {
      return;
    }
    setCellDetail({ from: r, to: q });
    void legalApi
      .basis({ ...params, from: r, to: q, suspectNational: false })
      .then((answer) => setCellDetail((d) => (d?.from === r && d.to === q ? { from: r, to: q, answer } : d)))
      .catch(() => setCellDetail(undefined));
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
      <p className="muted">{t('legal.matrix.clickHint')}</p>
      <div className="table-scroll">
        <canvas
          ref={canvas}
          width={codes.length * cell}
          height={codes.length * cell}
          onMouseMove={onMove}
          onClick={onClick}
          data-testid="matrix-canvas"
          role="img"
          aria-label={
            data
              ? t('legal.matrix.coverage', { percent: `${(data.coverage * 100).toFixed(1)} %` })
              : t('common.loading')
          }
        />
      </div>
      {cellDetail && (
        <div className="cell-detail" data-testid="cell-detail">
          <h3>
            {t('legal.matrix.cell', {
              from: countryName(cellDetail.from, language),
              to: countryName(cellDetail.to, language),
            })}
          </h3>
          {cellDetail.answer ? (
            <>
              <p className={`answer ${cellDetail.answer.answer}`}>
                {t(`legal.answer.${cellDetail.answer.answer}`)}
              </p>
              <Explanation answer={cellDetail.answer} />
            </>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
        </div>
      )}
    </section>
  );
}
