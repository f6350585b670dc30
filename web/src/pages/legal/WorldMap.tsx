// A choropleth world map (d3-geo, Natural Earth 1:50m via world-atlas, so small states appear):
// each state filled by a value in [0, 1] or a category colour; hovering names it.
import { useEffect, useMemo, useState } from 'react';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countries from 'i18n-iso-countries';

type Shape = Feature<Geometry, { name: string }>;
export type MapValue = { fill: string; label: string };

const WIDTH = 960;
const HEIGHT = 500;

export function WorldMap({ values, title }: { values: Record<string, MapValue>; title: string }) {
  const [shapes, setShapes] = useState<Shape[]>([]);
  const [hover, setHover] = useState<string | undefined>();
  useEffect(() => {
    let active = true;
    // The 50m map is large: load it only when a map is shown.
    void import('world-atlas/countries-50m.json').then((mod) => {
      const topo = (mod as { default: unknown }).default as Parameters<typeof feature>[0] & {
        objects: { countries: Parameters<typeof feature>[1] };
      };
      const fc = feature(topo, topo.objects.countries) as unknown as FeatureCollection<
        Geometry,
        { name: string }
      >;
      if (active) {
        setShapes(fc.features);
      }
    });
    return () => {
      active = false;
    };
  }, []);
  const path = useMemo(() => geoPath(geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'Sphere' })), []);
  const alpha2 = (numeric: string | number | undefined) =>
    numeric === undefined ? undefined : countries.numericToAlpha2(String(numeric));
  const hovered = hover ? values[hover] : undefined;
  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} data-testid="world-map">
        <path d={path({ type: 'Sphere' }) ?? ''} className="sphere" />
        {shapes.map((s, i) => {
          const code = alpha2(s.id);
          const value = code ? values[code] : undefined;
          return (
            <path
              key={`${String(s.id)}-${i}`}
              d={path(s) ?? ''}
              fill={value?.fill ?? 'var(--map-none)'}
              className="country"
              data-code={code}
              onMouseEnter={() => setHover(code)}
              onMouseLeave={() => setHover(undefined)}
            >
              <title>{value?.label ?? s.properties.name}</title>
            </path>
          );
        })}
      </svg>
      <figcaption aria-live="polite">{hovered ? hovered.label : title}</figcaption>
    </figure>
  );
}
