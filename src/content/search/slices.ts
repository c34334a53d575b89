/** A piece of work that cannot be cut, and how much it weighs (characters of text, for the search build). */
export type Step = { work: number; run: () => void }

export type Slicing = {
  /** The most work a slice does; a step heavier than that is a slice of its own. */
  budget: number
  /** Ends the slice: the caller yields to the event loop here. */
  pause: () => Promise<void>
  /** After each slice: work done so far and in all. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Runs the steps in order, in slices cut by their weights rather than by a clock: the same input
 * makes the same slices on every device, so tests can check them, and a step's weight is known before
 * it runs, so no slice overruns its budget to find out that it was full.
 */
export async function runInSlices(
  steps: readonly Step[],
  { budget, pause, onProgress }: Slicing,
): Promise<void> {
  const total = steps.reduce((sum, step) => sum + step.work, 0)
  // What the caller did to make the steps (reading every weight) is a slice of its own.
  onProgress?.(0, total)
  await pause()
  let done = 0
  let inSlice = 0
  for (const step of steps) {
    if (inSlice > 0 && inSlice + step.work > budget) {
      onProgress?.(done, total)
      await pause()
      inSlice = 0
    }
    step.run()
    done += step.work
    inSlice += step.work
  }
  onProgress?.(done, total)
}
