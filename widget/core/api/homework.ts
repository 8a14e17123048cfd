/**
 * Homework files of a booking (portal API): the list with signed download links, the upload
 * (XMLHttpRequest, for its upload progress) and removal. All throw `ApiError`.
 */
import { ApiError, type ApiClient, type ApiProblem } from './client.ts';
import type { ArtifactList, ArtifactOut } from '../../../schema/api/homework.ts';

export type { ArtifactList, ArtifactOut };

const base = (id: string) => `/v1/portal/bookings/${encodeURIComponent(id)}`;

export function listArtifacts(api: ApiClient, bookingId: string): Promise<ArtifactList> {
  return api.get<ArtifactList>(`${base(bookingId)}/artifacts`);
}

export function removeArtifact(api: ApiClient, bookingId: string, artifactId: string): Promise<unknown> {
  return api.request('DELETE', `${base(bookingId)}/artifacts/${encodeURIComponent(artifactId)}`, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

/** Sends one file as multipart/form-data; `progress` gets the fraction sent (0–1) as it goes. */
export function uploadArtifact(api: ApiClient, bookingId: string, milestoneId: string, file: File, progress: (sent: number) => void): Promise<ArtifactOut> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', api.url(`${base(bookingId)}/milestones/${encodeURIComponent(milestoneId)}/artifacts`));
    xhr.setRequestHeader('Authorization', `Bearer ${api.key}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', crypto.randomUUID());
    if (api.lang) xhr.setRequestHeader('Accept-Language', api.lang);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) progress(e.loaded / e.total); };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status === 201 || xhr.status === 200) { resolve(data as ArtifactOut); return; }
      const p = data && typeof data === 'object' && 'code' in data ? (data as { code: string; detail?: string; title?: string }) : null;
      reject(new ApiError(xhr.status, p?.code ?? `http_${xhr.status}`, p?.detail ?? p?.title ?? xhr.statusText, p as ApiProblem | null));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onabort = () => reject(new ApiError(0, 'network', 'Upload aborted'));
    const form = new FormData();
    form.set('file', file, file.name);
    xhr.send(form);
  });
}
