// New and rising threats over time: per day or week, bars for values reported for the first time and
// a line for sightings (its own scale on the right), so a wave of new C2s and a spike of sightings of
// old ones read differently.
import { useI18n } from '../../i18n/i18n.tsx';
import type { Snapshot } from './intel-api.ts';
import { linear, niceTicks } from './chart-scale.ts';

const WIDTH = 960;
const HEIGHT = 160;
const M = { top: 10, right: 44, bottom: 22, left: 36 };

/** Every bucket of the period, so quiet days show as gaps rather than disappearing. */
function buckets(since: string, until: string, bucket: 'day' | 'week'): string[] {
  const day = 86_400_000;
  const start = new Date(since.slice(0, 10) + 'T00:00:00Z');
  if (bucket === 'week') {
    // ISO weeks start on Monday, as PostgreSQL's date_trunc('week') does.
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  }
  const out: string[] = [];
  for (let t = start.getTime(); t < Date.parse(until); t += bucket === 'week' ? 7 * day : day) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function TimelineChart({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useI18n();
  const byBucket = new Map(snapshot.timeline.map((p) => [p.bucket, p]));
  const all = buckets(snapshot.since, snapshot.until, snapshot.bucket);
  const points = all.map((b) => byBucket.get(b) ?? { bucket: b, newValues: 0, objects: 0, sightings: 0 });
  const innerW = WIDTH - M.left - M.right;
  const innerH = HEIGHT - M.top - M.bottom;
  const newTicks = niceTicks(Math.max(0, ...points.map((p) => p.newValues)), 4, true);
  const sightTicks = niceTicks(Math.max(0, ...points.map((p) => p.sightings)), 4, true);
  const y = linear(newTicks.at(-1) ?? 0, innerH);
  const ys = linear(sightTicks.at(-1) ?? 0, innerH);
  const step = innerW / Math.max(1, points.length);
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${(i + 0.5) * step},${innerH - ys(p.sightings)}`)
    .join('');
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('intel.snapshot.timeline')}
        data-testid="timeline"
      >
        <g transform={`translate(${M.left},${M.top})`}>
          {newTicks.map((tick) => (
            <g key={tick} transform={`translate(0,${innerH - y(tick)})`}>
              <line x2={innerW} className="grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="axis-label">
                {tick}
              </text>
            </g>
          ))}
          {sightTicks.map((tick) => (
            <text
              key={tick}
              x={innerW + 6}
              y={innerH - ys(tick)}
              dy="0.32em"
              className="axis-label sightings"
            >
              {tick >= 1000 ? `${tick / 1000}k` : tick}
            </text>
          ))}
          {points.map((p, i) => (
            <g key={p.bucket} transform={`translate(${i * step},0)`}>
              <title>
                {t('intel.snapshot.timelinePoint', {
                  bucket: p.bucket,
                  newValues: p.newValues,
                  objects: p.objects,
                  sightings: p.sightings.toLocaleString(),
                })}
              </title>
              <rect x={0} y={0} width={step} height={innerH} className="hit" />
              <rect
                x={step * 0.15}
                y={innerH - y(p.newValues)}
                width={step * 0.7}
                height={y(p.newValues)}
                className="bar new"
              />
              {i % labelEvery === 0 && (
                <text x={step / 2} y={innerH + 15} textAnchor="middle" className="axis-label">
                  {p.bucket.slice(5)}
                </text>
              )}
            </g>
          ))}
          <path d={line} className="line sightings" />
        </g>
      </svg>
      <figcaption className="legend">
        <span>
          <span className="swatch new" /> {t('intel.snapshot.newValues')}
        </span>
        <span>
          <span className="swatch line-swatch" /> {t('intel.snapshot.sightingsRight')}
        </span>
        <span>{t(snapshot.bucket === 'week' ? 'intel.snapshot.perWeek' : 'intel.snapshot.perDay')}</span>
      </figcaption>
    </figure>
  );
}
