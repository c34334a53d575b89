import Taro from '@tarojs/taro'

/** The platform's toast, modal and clipboard, called directly. Import them from ./interaction. */
export function toast(title: string): void {
  Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined)
}

export function copyText(data: string): Promise<boolean> {
  try {
    return Taro.setClipboardData({ data }).then(
      () => true,
      () => false,
    )
  } catch {
    return Promise.resolve(false)
  }
}

export type Question = { content: string; confirmText: string; cancelText: string }

export type Answer = 'confirm' | 'cancel' | 'failed'

/** A two-button modal: which button the reader chose, or that it could not be shown. Never throws. */
export async function ask({ content, confirmText, cancelText }: Question): Promise<Answer> {
  try {
    const answer = await Taro.showModal({ title: '', content, confirmText, cancelText, showCancel: true })
    return answer.confirm ? 'confirm' : 'cancel'
  } catch {
    return 'failed'
  }
}

/**
 * Taro's browser action sheet labels its cancel button 取消 whatever the language, and takes no other:
 * its last element, made as the sheet is shown, is relabelled. WeChat's own sheet needs nothing.
 */
function relabelBrowserCancel(label: string): void {
  if (process.env.TARO_ENV !== 'h5') return
  try {
    const cancel = document.querySelector('.taro__actionSheet')?.lastElementChild?.lastElementChild
    if (cancel) cancel.textContent = label
  } catch {
    // No such sheet: nothing to relabel.
  }
}

/**
 * An action sheet: the index of the item chosen, or null when the reader dismissed it (or it could not
 * be shown). Never throws. `cancelLabel`: the browser's cancel button, in the interface's language.
 */
export async function chooseAction(itemList: string[], cancelLabel?: string): Promise<number | null> {
  try {
    const shown = Taro.showActionSheet({ itemList })
    if (cancelLabel) relabelBrowserCancel(cancelLabel)
    const { tapIndex } = await shown
    return Number.isInteger(tapIndex) && tapIndex >= 0 && tapIndex < itemList.length ? tapIndex : null
  } catch {
    return null
  }
}
