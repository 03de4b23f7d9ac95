/** Hands a file fetched with the session's token to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; revoke a little later for slower browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A multipart body with one file part, as the upload endpoints expect. */
export function fileForm(field: string, file: Blob, fileName: string): FormData {
  const form = new FormData();
  form.append(field, file, fileName);
  return form;
}
