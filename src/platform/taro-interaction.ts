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
 * An action sheet: the index of the item chosen, or null when the reader dismissed it (or it could not
 * be shown). Never throws.
 */
export async function chooseAction(itemList: string[]): Promise<number | null> {
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList })
    return Number.isInteger(tapIndex) && tapIndex >= 0 && tapIndex < itemList.length ? tapIndex : null
  } catch {
    return null
  }
}
