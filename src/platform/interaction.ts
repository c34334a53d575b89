/**
 * Toast and clipboard. The mini program calls the platform directly; the browser build loads Taro's
 * H5 toast (with its modal and action sheet, which setClipboardData also uses) on first use instead
 * of on the first screen: interaction.h5.ts, picked by Taro for H5.
 */
export { ask, chooseAction, copyText, toast, type Answer, type Question } from './taro-interaction'
