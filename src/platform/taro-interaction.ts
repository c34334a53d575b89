import Taro from '@tarojs/taro'

/** The platform's toast and clipboard, called directly. Import them from ./interaction. */
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
