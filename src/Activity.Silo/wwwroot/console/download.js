// Downloads a file from an API route that needs the credential in a header: fetch it, then hand the
// browser the bytes under the name the service gave (Content-Disposition).
import * as api from './api.js';

export async function download(path, query, fallbackName) {
  const response = await api.tenant(path, { query, raw: true });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { name: link.download, size: blob.size };
}
