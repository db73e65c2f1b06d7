import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard, Facility, Operation, Person, PersonPage } from '@custodian/contracts';
import { api, queryString } from './client';

export type { PersonPage };
export type RiskEntry = { level: Facility['riskLevel']; note: string | null; recordedAt: string; recordedBy: string | null };
export type PersonFilters = {
  q?: string; facilityId?: string; nationality?: string; status?: string; riskClass?: string; flag?: string; page?: number; pageSize?: number;
};

export const useDashboard = () =>
  useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => api<Dashboard>('/api/dashboard', { signal }) });

export const useFacilities = () =>
  useQuery({ queryKey: ['facilities'], queryFn: ({ signal }) => api<Facility[]>('/api/facilities', { signal }), staleTime: 60_000 });

export const useFacility = (id: string) =>
  useQuery({ queryKey: ['facility', id], queryFn: ({ signal }) => api<Facility>(`/api/facilities/${encodeURIComponent(id)}`, { signal }) });

export const useRiskHistory = (id: string) =>
  useQuery({ queryKey: ['facility', id, 'risk'], queryFn: ({ signal }) => api<RiskEntry[]>(`/api/facilities/${encodeURIComponent(id)}/risk-history`, { signal }) });

export const useOperations = () =>
  useQuery({ queryKey: ['operations'], queryFn: ({ signal }) => api<Operation[]>('/api/operations', { signal }), staleTime: 60_000 });

export const usePersons = (f: PersonFilters) =>
  useQuery({
    queryKey: ['persons', f],
    queryFn: ({ signal }) => api<PersonPage>(`/api/persons${queryString(f)}`, { signal }),
    placeholderData: keepPreviousData,
  });

export const usePerson = (id: string) =>
  useQuery({ queryKey: ['person', id], queryFn: ({ signal }) => api<Person>(`/api/persons/${encodeURIComponent(id)}`, { signal }) });
