/** Short confirmations after an action (Element Plus messages, grouped so repeats do not stack). */
export function notifySuccess(message: string): void {
  ElMessage.success({ message, grouping: true });
}

export function notifyWarning(message: string): void {
  ElMessage.warning({ message, grouping: true });
}

export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
