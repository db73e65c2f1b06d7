import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from './api/client';
import { can, useMe } from './features/auth/session';
import { LoginPage } from './features/auth/login-page';
import { ChangePasswordPage } from './features/auth/change-password-page';
import { AppLayout } from './features/layout/app-layout';
import { LoadError } from './features/layout/page';
import { DashboardRoute } from './routes/dashboard-route';
import { PersonsRoute } from './routes/persons-route';
import { PersonRoute } from './routes/person-route';
import { FacilitiesRoute } from './routes/facilities-route';
import { FacilityRoute } from './routes/facility-route';
import { ImportRoute } from './routes/import-route';
import { NotFoundRoute } from './routes/not-found-route';

// When the session ends (expiry, sign-out elsewhere) any query answers 401: go back to sign-in.
function useSignOutOn401() {
  const qc = useQueryClient();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) qc.setQueryData(['me'], null);
    };
    const unsubQ = qc.getQueryCache().subscribe((e) => { if (e.type === 'updated' && e.action.type === 'error') onError(e.action.error); });
    const unsubM = qc.getMutationCache().subscribe((e) => { if (e.type === 'updated' && e.action.type === 'error') onError(e.action.error); });
    return () => { unsubQ(); unsubM(); };
  }, [qc]);
}

export function App() {
  const me = useMe();
  useSignOutOn401();
  if (me.isPending) return <Center mih="100vh"><Loader /></Center>;
  if (me.error) return <Center mih="100vh" p="xl"><LoadError error={me.error} /></Center>;
  if (!me.data) return <LoginPage />;
  if (me.data.mustChangePassword) return <ChangePasswordPage me={me.data} />;
  const user = me.data;
  return (
    <Routes>
      <Route element={<AppLayout me={user} />}>
        <Route index element={can(user, 'operations:read') ? <DashboardRoute /> : <Navigate to="/persons" replace />} />
        <Route path="persons" element={<PersonsRoute />} />
        <Route path="persons/:id" element={<PersonRoute />} />
        <Route path="facilities" element={<FacilitiesRoute />} />
        <Route path="facilities/:id" element={<FacilityRoute />} />
        {can(user, 'imports:write') && <Route path="imports/new" element={<ImportRoute />} />}
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
