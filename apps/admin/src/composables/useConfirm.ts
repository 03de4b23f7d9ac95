import { t } from '@/i18n';

/** A confirmation before anything destructive; resolves `false` when the user cancels. */
export async function confirmAction(message: string, options: { danger?: boolean; confirmKey?: string } = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.warning'), {
      type: 'warning',
      confirmButtonText: t(options.confirmKey ?? 'common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}
