/**
 * The browser build's toast and clipboard (see interaction.ts). Taro's H5 toast loads with its first
 * use; a failed load shows nothing. Copying cannot wait for a load: browsers (iOS Safari above all)
 * copy only while handling the reader's tap, so it is done here at once, the way Taro's H5
 * setClipboardData does it (a selected off-screen textarea and execCommand('copy')).
 */
export function toast(title: string): void {
  import('./taro-interaction').then(
    (module) => module.toast(title),
    () => undefined,
  )
}

export type { Answer, Question } from './taro-interaction'

export function ask(
  question: import('./taro-interaction').Question,
): Promise<import('./taro-interaction').Answer> {
  return import('./taro-interaction').then(
    (module) => module.ask(question),
    () => 'failed' as const,
  )
}

export function chooseAction(itemList: string[], cancelLabel?: string): Promise<number | null> {
  return import('./taro-interaction').then(
    (module) => module.chooseAction(itemList, cancelLabel),
    () => null,
  )
}

export function copyText(data: string): Promise<boolean> {
  try {
    const area = document.createElement('textarea')
    area.readOnly = true
    area.value = data
    area.style.position = 'absolute'
    area.style.left = '-10000px'
    document.body.appendChild(area)
    area.select()
    area.setSelectionRange(0, data.length)
    const copied = document.execCommand('copy')
    area.remove()
    return Promise.resolve(copied)
  } catch {
    return Promise.resolve(false)
  }
}
