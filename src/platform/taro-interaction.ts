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

/** A two-button modal; resolves true only when the reader chose to confirm. Never throws. */
export async function ask({ content, confirmText, cancelText }: Question): Promise<boolean> {
  try {
    const answer = await Taro.showModal({ title: '', content, confirmText, cancelText, showCancel: true })
    return answer.confirm
  } catch {
    return false
  }
}
