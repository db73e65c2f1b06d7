import { useEffect, useMemo, useState } from 'react';
import { Box, Group, Loader, Text } from '@mantine/core';
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { useNavigate } from 'react-router';
import type { FacilityRiskLevel } from '@custodian/contracts';
import atlasUrl from 'world-atlas/countries-50m.json?url';
import { FACILITY_RISK_COLOR, humanize } from '../persons/badges';

export type MapFacility = { id: string; name: string; riskLevel: string; latitude: number; longitude: number; population: number };

type Countries = FeatureCollection<Geometry, { name: string }>;
const W = 640;
const H = 440;
// Frame: Syria and Iraq with their borders (lon 34.5–49, lat 29–38).
const FRAME: GeoPermissibleObjects = {
  type: 'Feature', properties: {},
  geometry: { type: 'MultiPoint', coordinates: [[34.6, 29.2], [48.8, 37.6]] },
};
const FOCUS = new Set(['760', '368']); // ISO 3166 numeric: Syria, Iraq
const LABELS: { name: string; at: [number, number] }[] = [
  { name: 'SYRIA', at: [38.6, 35.0] }, { name: 'IRAQ', at: [43.6, 32.6] }, { name: 'TÜRKIYE', at: [38.0, 37.55] },
  { name: 'JORDAN', at: [37.0, 30.8] }, { name: 'SAUDI ARABIA', at: [42.0, 29.7] }, { name: 'IRAN', at: [47.8, 34.6] },
];

// The Natural Earth shapes ship with the app as a static asset: the network is closed, no tile server.
let countriesPromise: Promise<Countries> | null = null;
function loadCountries(): Promise<Countries> {
  countriesPromise ??= fetch(atlasUrl)
    .then((r) => r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>)
    .then((topo) => feature(topo, topo.objects.countries) as Countries);
  return countriesPromise;
}

export function FacilityMap({ facilities }: { facilities: MapFacility[] }) {
  const [countries, setCountries] = useState<Countries | null>(null);
  const navigate = useNavigate();
  useEffect(() => {
    let live = true;
    void loadCountries().then((c) => live && setCountries(c));
    return () => { live = false; };
  }, []);
  const projection = useMemo(() => geoMercator().fitExtent([[10, 10], [W - 10, H - 10]], FRAME), []);
  const path = useMemo(() => geoPath(projection), [projection]);

  if (!countries) return <Group h={H / 1.5} justify="center"><Loader size="sm" /><Text size="sm" c="dimmed">Loading map…</Text></Group>;
  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Map of facilities" data-testid="facility-map"
        style={{ background: '#dbe7f0', borderRadius: 6, display: 'block' }}>
        <g>
          {countries.features.map((f, i) => (
            <path key={i} d={path(f) ?? undefined} fill={FOCUS.has(String(f.id)) ? '#f8f6ef' : '#e9e6dc'} stroke="#9a9a8f" strokeWidth={0.6} />
          ))}
        </g>
        <g pointerEvents="none">
          {LABELS.map((l) => {
            const [x, y] = projection(l.at) ?? [0, 0];
            return <text key={l.name} x={x} y={y} textAnchor="middle" fontSize={11} fill="#7a7a70" letterSpacing={2}>{l.name}</text>;
          })}
        </g>
        <g>
          {facilities.map((f) => {
            const [x, y] = projection([f.longitude, f.latitude]) ?? [0, 0];
            const r = 5 + Math.min(9, Math.sqrt(f.population) / 6);
            return (
              <g key={f.id} transform={`translate(${x},${y})`} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/facilities/${f.id}`)}>
                <title>{`${f.name}: ${f.population} held, risk ${humanize(f.riskLevel)}`}</title>
                <circle r={r} fill={FACILITY_RISK_COLOR[f.riskLevel as FacilityRiskLevel] ?? '#555'} fillOpacity={0.85} stroke="#fff" strokeWidth={1.5} />
              </g>
            );
          })}
        </g>
      </svg>
      <Group gap="md" mt={6}>
        {(Object.keys(FACILITY_RISK_COLOR) as FacilityRiskLevel[]).map((k) => (
          <Group key={k} gap={4}>
            <Box w={10} h={10} style={{ borderRadius: 5, background: FACILITY_RISK_COLOR[k] }} />
            <Text size="xs" c="dimmed">{humanize(k)}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">Marker size: population. Natural Earth boundaries.</Text>
      </Group>
    </Box>
  );
}
