/**
 * WeChat's own popups, faked: toasts and loading (recorded), modals (recorded, answered as the test's
 * settings say) and action sheets (recorded, answered with the labels the test queued, else dismissed).
 */
import { asyncApi, type Later, type Wx } from './wx-types'

export type ModalShown = { content: string; confirmText: string; cancelText: string }

/** Read at every call, so a test can queue picks while the app runs. */
export type InteractionHost = {
  toasts: string[]
  /** Every modal shown, and what it offered. */
  modals: ModalShown[]
  /** Every action sheet shown: the items it offered. */
  actionSheets: string[][]
  /** What the reader picks in the next action sheets, by label, in order; none left: they dismiss it. */
  actionSheetPicks: string[]
}

export type InteractionSettings = {
  /** What the reader answers to a modal: its confirm button, or its cancel button. */
  modalAnswer: 'confirm' | 'cancel'
}

export function interactionApis(host: InteractionHost, later: Later, settings: InteractionSettings) {
  const noop = () => undefined
  const ok = <K extends keyof Wx>(name: K) => asyncApi(later, name, noop as never)
  return {
    showToast: asyncApi(later, 'showToast', (o) => void host.toasts.push(String(o.title))),
    hideToast: ok('hideToast'),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    showModal: asyncApi(later, 'showModal', (o) => {
      host.modals.push({
        content: String(o.content ?? ''),
        confirmText: String(o.confirmText ?? ''),
        cancelText: String(o.cancelText ?? ''),
      })
      const confirm = settings.modalAnswer === 'confirm'
      return { confirm, cancel: !confirm, content: '' }
    }),
    showActionSheet: asyncApi(later, 'showActionSheet', (o) => {
      host.actionSheets.push([...o.itemList])
      const pick = host.actionSheetPicks.shift()
      if (pick === undefined) throw new Error('showActionSheet:fail cancel')
      const tapIndex = o.itemList.indexOf(pick)
      if (tapIndex < 0) throw new Error(`harness: "${pick}" is not among ${o.itemList.join(' / ')}`)
      return { tapIndex }
    }),
  } satisfies Partial<Wx>
}
