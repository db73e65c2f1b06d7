import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HitDecision, HitDetail, HitPage, HitStatus, ScreeningRun, WatchlistDiff, WatchlistVersion } from '@custodian/contracts';
import { api, queryString } from '../api/client';

export type HitFilters = { status?: HitStatus; minScore?: number; page?: number; pageSize?: number };

export const useHits = (f: HitFilters) =>
  useQuery({ queryKey: ['screening-hits', f], queryFn: ({ signal }) => api<HitPage>(`/api/screening/hits${queryString(f)}`, { signal }), placeholderData: keepPreviousData });

export const useHit = (id: string) =>
  useQuery({ queryKey: ['screening-hit', id], queryFn: ({ signal }) => api<HitDetail>(`/api/screening/hits/${encodeURIComponent(id)}`, { signal }) });

export const useWatchlistVersions = () =>
  useQuery({ queryKey: ['watchlist-versions'], queryFn: ({ signal }) => api<WatchlistVersion[]>('/api/watchlists/versions', { signal }) });

export const DIFF_PAGE_SIZE = 25;
export const useWatchlistDiff = (id: string | null, change: string | undefined, page: number) =>
  useQuery({
    queryKey: ['watchlist-diff', id, change, page],
    queryFn: ({ signal }) => api<WatchlistDiff>(`/api/watchlists/versions/${encodeURIComponent(id!)}/diff${queryString({ change, page, pageSize: DIFF_PAGE_SIZE })}`, { signal }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });

export const useScreeningRuns = () =>
  useQuery({ queryKey: ['screening-runs'], queryFn: ({ signal }) => api<ScreeningRun[]>('/api/screening/runs', { signal }), refetchInterval: 5000 });

export function useDecideHit(hit: Pick<HitDetail, 'id' | 'version'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: HitDecision) =>
      api<HitDetail>(`/api/screening/hits/${encodeURIComponent(hit.id)}/decision`, { method: 'POST', body: { json: d }, headers: { 'if-match': `"${hit.version}"` } }),
    onSuccess: (next) => {
      qc.setQueryData(['screening-hit', hit.id], next);
      void qc.invalidateQueries({ queryKey: ['screening-hits'] });
    },
  });
}
