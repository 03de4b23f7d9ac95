import type { UploadFile, UploadRawFile } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { notifyError } from '@/utils/describe-error';
import { fileForm } from '@/utils/files';
import { notifySuccess, notifyWarning } from '@/utils/feedback';

/**
 * The file chosen on an import page and its upload: files over `maxBytes` are refused in the
 * browser, `send` posts the multipart form (each page calls its own typed endpoint), and `queued`
 * runs once the server has accepted the job.
 */
export function useImportUpload(options: {
  maxBytes: number;
  send: (form: FormData, fileName: string) => Promise<unknown>;
  queued: () => Promise<void>;
}) {
  const { t } = useI18n();
  const file = ref<UploadRawFile | null>(null);
  const uploading = ref(false);

  function onChange(upload: UploadFile): void {
    const raw = upload.raw ?? null;
    if (raw && raw.size > options.maxBytes) {
      notifyWarning(t('clientImports.tooLarge'));
      file.value = null;
      return;
    }
    file.value = raw;
  }

  async function upload(): Promise<void> {
    const chosen = file.value;
    if (!chosen) return;
    uploading.value = true;
    try {
      await options.send(fileForm('file', chosen, chosen.name), chosen.name);
      notifySuccess(t('clientImports.queued'));
      file.value = null;
      await options.queued();
    } catch (err) {
      notifyError(err);
    } finally {
      uploading.value = false;
    }
  }

  return { file, uploading, onChange, upload };
}
