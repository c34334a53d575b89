/**
 * TODO markers an importer (or an editor) left in the text, found for the editors' preview, which
 * shows them marked. A marker is the word `TODO` in capitals (not part of a longer word: `TODOS` and
 * `MASTODON` are text) and what follows it to the end of its sentence: through the first `。！？!?`,
 * or a `.` that ends the text or comes before a space; else to the end of its line (the line break
 * stays outside), else of the text. Each run of bold or plain text is read on its own, so a marker
 * ends where its run does.
 */
export type TodoRun = { text: string; todo: boolean }

const WORD_CHAR = /[A-Za-z0-9_]/
const SENTENCE_END = /[。！？!?]/

/** Where a marker starting at `from` ends (exclusive). */
function markerEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') return i
    if (SENTENCE_END.test(c)) return i + 1
    if (c === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]))) return i + 1
  }
  return text.length
}

/** Where the next marker starts at or after `from`, or -1. */
function nextMarker(text: string, from: number): number {
  for (let i = text.indexOf('TODO', from); i >= 0; i = text.indexOf('TODO', i + 1)) {
    const before = i > 0 ? text[i - 1] : ''
    const after = text[i + 4] ?? ''
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return i
  }
  return -1
}

/** The text as runs, in order, marker or not: one plain run when it holds no marker. */
export function todoRuns(text: string): TodoRun[] {
  const runs: TodoRun[] = []
  let at = 0
  for (let start = nextMarker(text, 0); start >= 0; start = nextMarker(text, at)) {
    if (start > at) runs.push({ text: text.slice(at, start), todo: false })
    at = markerEnd(text, start + 4)
    runs.push({ text: text.slice(start, at), todo: true })
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), todo: false })
  return runs
}
