import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me, Permission, TotpSetup, WebauthnCredential } from '@custodian/contracts';
import { startAuthentication, startRegistration, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { api, ApiError } from '../../api/client';

type WebauthnCredentialList = { items: WebauthnCredential[] };

// null = not signed in; the query never throws on 401 so the app can show the login page.
// The 'me' query stays in the cache (the app observes it); clearing it would orphan the observer.
function forgetEverythingButMe(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  qc.getMutationCache().clear();
}

export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: async ({ signal }) => {
      try {
        return await api<Me>('/api/auth/me', { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<Me>('/api/auth/login', { method: 'POST', body: { json: body } }),
    onSuccess: (me) => {
      forgetEverythingButMe(qc);
      qc.setQueryData(['me'], me);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<Me>('/api/auth/password', { method: 'POST', body: { json: body } }),
    onSuccess: (me) => qc.setQueryData(['me'], me),
  });
}

// Each login step answers with the session as it now stands (and a new session id in the cookie).
export function useLoginStep<B>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<Me>(path, { method: 'POST', body: { json: body } }),
    onSuccess: (me) => qc.setQueryData(['me'], me),
  });
}

export const useVerifyTotp = () => useLoginStep<{ code: string }>('/api/auth/totp/verify');
export const useConfirmTotp = () => useLoginStep<{ code: string }>('/api/auth/totp/confirm');
export const useStartTotp = () => useMutation({ mutationFn: () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' }) });

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>('/api/auth/logout', { method: 'POST' }),
    // Whatever the server answers, nothing of the previous user stays in memory.
    onSettled: () => {
      forgetEverythingButMe(qc);
      qc.setQueryData(['me'], null);
    },
  });
}

export const can = (me: Me | null | undefined, p: Permission): boolean => !!me?.permissions.includes(p);

// Security keys (WebAuthn). The browser talks to the key; the server checks what it signed.
export const useSecurityKeys = () =>
  useQuery({ queryKey: ['webauthn-credentials'], queryFn: ({ signal }) => api<WebauthnCredentialList>('/api/auth/webauthn/credentials', { signal }) });

// The key list and the user's second-factor summary both change when a key is added or removed.
async function refreshSecurityKeys(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: ['webauthn-credentials'] });
  await qc.invalidateQueries({ queryKey: ['me'] });
}

export function useAddSecurityKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>('/api/auth/webauthn/register/options', { method: 'POST' });
      const response = await startRegistration({ optionsJSON });
      return api<WebauthnCredential>('/api/auth/webauthn/register', { method: 'POST', body: { json: { name, response } } });
    },
    onSettled: () => refreshSecurityKeys(qc),
  });
}

export function useRemoveSecurityKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/api/auth/webauthn/credentials/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => refreshSecurityKeys(qc),
  });
}

/** The second login step with a security key instead of a code. */
export function useSecurityKeyLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const optionsJSON = await api<PublicKeyCredentialRequestOptionsJSON>('/api/auth/webauthn/login/options', { method: 'POST' });
      const response = await startAuthentication({ optionsJSON });
      return api<Me>('/api/auth/webauthn/login', { method: 'POST', body: { json: { response } } });
    },
    onSuccess: (me) => qc.setQueryData(['me'], me),
  });
}
