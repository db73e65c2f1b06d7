import { useMutation } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportPreview } from '@custodian/contracts';
import { api, queryString } from '../../api/client';

export type ImportForm = { facilityId: string; sourceList: string; responsibleAuthority: string; file: File };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const contentTypeOf = (f: File) =>
  /\.xlsx$/i.test(f.name) || f.type === XLSX ? XLSX : /\.csv$/i.test(f.name) || f.type === 'text/csv' ? 'text/csv' : 'application/octet-stream';

export const usePreviewImport = () =>
  useMutation({
    mutationFn: async (form: ImportForm) => {
      const qs = queryString({ fileName: form.file.name, sourceList: form.sourceList, facilityId: form.facilityId, responsibleAuthority: form.responsibleAuthority });
      return api<ImportPreview>(`/api/imports${qs}`, { method: 'POST', body: { raw: await form.file.arrayBuffer(), type: contentTypeOf(form.file) } });
    },
  });

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ImportPreview>(`/api/imports/${id}/commit`, { method: 'POST' }),
    // New persons change every count and list.
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => ['persons', 'dashboard', 'facilities', 'facility'].includes(String(q.queryKey[0])) }),
  });
}
