import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClearanceGrant, User, UserCreated } from '@custodian/contracts';
import { api } from '../../api/client';

export const useUsers = () => useQuery({ queryKey: ['users'], queryFn: ({ signal }) => api<User[]>('/api/users', { signal }) });
export const usePendingGrants = () =>
  useQuery({ queryKey: ['clearance-grants'], queryFn: ({ signal }) => api<ClearanceGrant[]>('/api/clearance-grants?status=PENDING', { signal }) });

/** One administrative action; the lists refresh afterwards, whatever it changed. */
export function useUserAction<B, R = User>(path: (id: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body?: B }) =>
      api<R>(path(id), { method: 'POST', ...(body === undefined ? {} : { body: { json: body } }) }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['users'] }), qc.invalidateQueries({ queryKey: ['clearance-grants'] })]),
  });
}

export const useCreateUser = () => useUserAction<Record<string, unknown>, UserCreated>(() => '/api/users');
export const useSetDisabled = () => useUserAction<{ disabled: boolean }>((id) => `/api/users/${id}/disable`);
export const useSetRoles = () => useUserAction<{ roles: string[] }>((id) => `/api/users/${id}/roles`);
export const useSetClearance = () => useUserAction<{ clearance: string }>((id) => `/api/users/${id}/clearance`);
export const useResetMfa = () => useUserAction<undefined>((id) => `/api/users/${id}/mfa-reset`);
export const useDecideGrant = () => useUserAction<{ approve: boolean }, ClearanceGrant>((id) => `/api/clearance-grants/${id}/decision`);
