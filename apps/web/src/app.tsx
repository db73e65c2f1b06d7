import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect } from 'react';
import { ApiError } from './api/client';
import { can, useMe } from './features/auth/session';
import { LoginPage } from './features/auth/login-page';
import { ChangePasswordPage } from './features/auth/change-password-page';
import { SecondFactorPage } from './features/auth/second-factor-page';
import { EnrolTotpPage } from './features/auth/enrol-totp-page';
import { AppLayout } from './features/layout/app-layout';
import { LoadError } from './features/layout/page';
import { NotFoundRoute } from './routes/not-found-route';

// Pages load on first visit: the sign-in page does not wait for the charting library.
const DashboardRoute = lazy(() => import('./routes/dashboard-route').then((m) => ({ default: m.DashboardRoute })));
const PersonsRoute = lazy(() => import('./routes/persons-route').then((m) => ({ default: m.PersonsRoute })));
const PersonRoute = lazy(() => import('./routes/person-route').then((m) => ({ default: m.PersonRoute })));
const FacilitiesRoute = lazy(() => import('./routes/facilities-route').then((m) => ({ default: m.FacilitiesRoute })));
const FacilityRoute = lazy(() => import('./routes/facility-route').then((m) => ({ default: m.FacilityRoute })));
const ScreeningQueuePage = lazy(() => import('./pages/screening-queue-page').then((m) => ({ default: m.ScreeningQueuePage })));
const ScreeningHitPage = lazy(() => import('./pages/screening-hit-page').then((m) => ({ default: m.ScreeningHitPage })));
const ScreeningListsPage = lazy(() => import('./pages/screening-lists-page').then((m) => ({ default: m.ScreeningListsPage })));
const AuditRoute = lazy(() => import('./routes/audit-route').then((m) => ({ default: m.AuditRoute })));
const UsersRoute = lazy(() => import('./routes/users-route').then((m) => ({ default: m.UsersRoute })));
const AccountRoute = lazy(() => import('./routes/account-route').then((m) => ({ default: m.AccountRoute })));
const ImportRoute = lazy(() => import('./routes/import-route').then((m) => ({ default: m.ImportRoute })));

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
  // The login steps the server says are still owed, in its order: nothing else shows until they are done.
  if (me.data.next === 'second-factor') return <SecondFactorPage me={me.data} />;
  if (me.data.next === 'change-password') return <ChangePasswordPage me={me.data} />;
  if (me.data.next === 'enrol-second-factor') return <EnrolTotpPage me={me.data} />;
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
        {can(user, 'screening:read') && <Route path="screening" element={<ScreeningQueuePage />} />}
        {can(user, 'screening:read') && <Route path="screening/hits/:id" element={<ScreeningHitPage />} />}
        {can(user, 'watchlists:read') && <Route path="watchlists" element={<ScreeningListsPage />} />}
        {can(user, 'audit:read') && <Route path="audit" element={<AuditRoute />} />}
        {can(user, 'users:admin') && <Route path="admin/users" element={<UsersRoute />} />}
        <Route path="account" element={<AccountRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
